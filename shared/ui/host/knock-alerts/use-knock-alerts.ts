import { useEffect } from 'preact/hooks';
import type { WaitingRoom } from '../../../core/meeting/waiting-room/waiting-room.ts';
import type { Platform } from '../../../platform.ts';
import { alertKnock } from './knock-alert.ts';
import { watchWaitingCount } from './waiting-count.ts';

/**
 * For the whole meeting (host or co-host), whichever panel is open: a knock sounds and notifies,
 * and the shell shows how many wait (cleared when the meeting ends or the page goes away).
 */
export function useKnockAlerts(room: WaitingRoom, platform: Platform): void {
  useEffect(() => {
    const bringForward = platform.bringToFront?.bind(platform);
    const offKnock = room.events.on('knock', (entry) => alertKnock(entry, bringForward));
    const show = platform.showWaitingCount?.bind(platform);
    if (!show) return offKnock;
    const stopCount = watchWaitingCount(room, show);
    // A closing tab may never get to unmount: the count must not outlive it.
    addEventListener('pagehide', stopCount);
    return () => {
      offKnock();
      removeEventListener('pagehide', stopCount);
      stopCount();
    };
  }, [room, platform]);
}
