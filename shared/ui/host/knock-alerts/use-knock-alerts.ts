import { useEffect } from 'preact/hooks';
import type { AdmissionDesk } from '../../../core/meeting/host/admission-desk.ts';
import type { Platform } from '../../../platform.ts';
import { alertKnock } from './knock-alert.ts';
import { watchWaitingCount } from './waiting-count.ts';

/**
 * For the whole meeting, whichever panel is open: a knock sounds and notifies, and the shell
 * shows how many wait (cleared when the meeting ends or the page goes away).
 */
export function useKnockAlerts(desk: AdmissionDesk | null, platform: Platform): void {
  useEffect(() => {
    if (!desk) return undefined;
    const offKnock = desk.events.on('knock', alertKnock);
    const show = platform.showWaitingCount?.bind(platform);
    if (!show) return offKnock;
    const stopCount = watchWaitingCount(desk, show);
    // A closing tab may never get to unmount: the count must not outlive it.
    addEventListener('pagehide', stopCount);
    return () => {
      offKnock();
      removeEventListener('pagehide', stopCount);
      stopCount();
    };
  }, [desk, platform]);
}
