import type { AdmissionDesk } from '../../../core/meeting/host/admission-desk.ts';

/**
 * Reports the waiting room's size to `show` now and whenever it changes, and 0 once stopped
 * (the meeting ended or the page went away). Changes made together ("Admit all", a knock
 * taking its own older place) are reported once, when they are done.
 */
export function watchWaitingCount(desk: AdmissionDesk, show: (count: number) => void): () => void {
  let shown = -1;
  let pending = false;
  let stopped = false;
  const report = (count: number) => {
    if (count === shown) return;
    shown = count;
    show(count);
  };
  report(desk.waiting.length);
  const off = desk.events.on('changed', () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (!stopped) report(desk.waiting.length);
    });
  });
  return () => {
    stopped = true;
    off();
    report(0);
  };
}
