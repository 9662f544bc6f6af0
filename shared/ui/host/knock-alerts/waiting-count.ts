import type { WaitingRoom } from '../../../core/meeting/waiting-room/waiting-room.ts';

/**
 * Reports the waiting room's size to `show` now and whenever it changes, and 0 once stopped
 * (the meeting ended or the page went away). Changes made together ("Admit all", a knock
 * taking its own older place) are reported once, when they are done.
 */
export function watchWaitingCount(
  room: Pick<WaitingRoom, 'events' | 'waiting'>,
  show: (count: number) => void,
): () => void {
  let shown = -1;
  let pending = false;
  let stopped = false;
  const report = (count: number) => {
    if (count === shown) return;
    shown = count;
    show(count);
  };
  report(room.waiting.length);
  const off = room.events.on('changed', () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (!stopped) report(room.waiting.length);
    });
  });
  return () => {
    stopped = true;
    off();
    report(0);
  };
}
