import { signal, type ReadonlySignal } from '@preact/signals';
import type { RosterDiff } from '../view-model.ts';

export interface ActivityItem {
  id: number;
  text: string;
}

export interface RoomActivity {
  /** What is on screen now, oldest first. */
  items: ReadonlySignal<readonly ActivityItem[]>;
  /** Shows who came and went for a while; a burst larger than the screen holds is summed up. */
  show(change: RosterDiff): void;
}

export interface ActivityTimers {
  setTimeout(run: () => void, ms: number): unknown;
}

/** How long a line stays on screen. */
export const ACTIVITY_SHOWN_MS = 5_000;
/** Lines on screen at once: the oldest goes when another comes. */
export const MAX_ACTIVITY_ITEMS = 3;

/**
 * Joins and leaves, shown briefly over the stage so that everyone (not only a screen reader)
 * notices who came in. Screen readers hear the same lines through the room's live region.
 */
export function createRoomActivity(timers: ActivityTimers = globalThis): RoomActivity {
  const items = signal<readonly ActivityItem[]>([]);
  let nextId = 0;

  const add = (text: string) => {
    const item = { id: nextId++, text };
    items.value = [...items.value, item].slice(-MAX_ACTIVITY_ITEMS);
    timers.setTimeout(() => {
      items.value = items.value.filter((shown) => shown !== item);
    }, ACTIVITY_SHOWN_MS);
  };

  return {
    items,
    show({ joined, left }) {
      if (joined.length + left.length <= MAX_ACTIVITY_ITEMS) {
        for (const name of joined) add(`${name} joined`);
        for (const name of left) add(`${name} left`);
      } else {
        add(
          [count(joined.length, 'joined'), count(left.length, 'left')].filter(Boolean).join(', '),
        );
      }
    },
  };
}

function count(people: number, what: string): string {
  if (people === 0) return '';
  return `${people} ${people === 1 ? 'person' : 'people'} ${what}`;
}
