import { describe, expect, it } from 'vitest';
import { ACTIVITY_SHOWN_MS, MAX_ACTIVITY_ITEMS, createRoomActivity } from './room-activity.ts';

/** Timers run by hand: `advance(ms)` runs whatever is due. */
function manualTimers() {
  let now = 0;
  const due: { at: number; run: () => void }[] = [];
  return {
    setTimeout: (run: () => void, ms: number) => due.push({ at: now + ms, run }),
    advance(ms: number) {
      now += ms;
      for (const timer of due.filter((t) => t.at <= now)) {
        due.splice(due.indexOf(timer), 1);
        timer.run();
      }
    },
  };
}

const texts = (activity: ReturnType<typeof createRoomActivity>) =>
  activity.items.value.map((item) => item.text);

describe('room activity on screen', () => {
  it('shows who joined or left for a few seconds, each line on its own clock', () => {
    const timers = manualTimers();
    const activity = createRoomActivity(timers);
    activity.show({ joined: ['Ana'], left: [] });
    timers.advance(ACTIVITY_SHOWN_MS - 1_000);
    activity.show({ joined: [], left: ['Ben'] });
    expect(texts(activity)).toEqual(['Ana joined', 'Ben left']);
    timers.advance(1_000);
    expect(texts(activity)).toEqual(['Ben left']);
    timers.advance(ACTIVITY_SHOWN_MS);
    expect(texts(activity)).toEqual([]);
  });

  it(`keeps at most ${MAX_ACTIVITY_ITEMS} lines, and sums up a burst instead of flooding the stage`, () => {
    const timers = manualTimers();
    const activity = createRoomActivity(timers);
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) activity.show({ joined: [name], left: [] });
    expect(texts(activity)).toEqual(['Ben joined', 'Cy joined', 'Dee joined']);
    activity.show({ joined: ['Eve', 'Fay', 'Gus'], left: ['Ana'] });
    expect(texts(activity).at(-1)).toBe('3 people joined, 1 person left');
    activity.show({ joined: [], left: ['Eve', 'Fay', 'Gus', 'Hal'] });
    expect(texts(activity).at(-1)).toBe('4 people left');
    expect(activity.items.value).toHaveLength(MAX_ACTIVITY_ITEMS);
    timers.advance(ACTIVITY_SHOWN_MS);
    expect(texts(activity)).toEqual([]);
  });

  it('shows nothing for an empty change', () => {
    const activity = createRoomActivity(manualTimers());
    activity.show({ joined: [], left: [] });
    expect(texts(activity)).toEqual([]);
  });
});
