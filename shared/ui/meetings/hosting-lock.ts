import { useEffect, useState } from 'preact/hooks';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import type { Locks } from '../../storage/stale-chat-vaults.ts';

const PREFIX = 'conclave-hosting-';

/** Held by the page that hosts this meeting, for as long as it hosts it. */
const hostingLockName = (meetingId: string) => PREFIX + meetingId;

/** The meeting this page hosts right now, if any. */
let hostingHere: string | null = null;

export const meetingHostedHere = (): string | null => hostingHere;

/**
 * Takes this device's one hosting slot for `meetingId` (a Web Lock, so every tab and window of
 * this origin sees it), or throws `HostingElsewhere` when another page holds it: starting the
 * meeting again would take it over from that page. The lock goes with the page, so a reload of
 * the hosting tab finds it free. Returns the function that gives it back.
 */
export function holdHostingLock(
  meetingId: string,
  locks: Locks = navigator.locks,
): Promise<() => void> {
  return new Promise((resolveHeld, rejectHeld) => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    locks
      .request(hostingLockName(meetingId), { mode: 'exclusive', ifAvailable: true }, (lock) => {
        if (!lock) {
          rejectHeld(new ConclaveError(ErrorCode.HostingElsewhere));
          return undefined;
        }
        hostingHere = meetingId;
        resolveHeld(() => {
          if (hostingHere === meetingId) hostingHere = null;
          release();
        });
        return released;
      })
      .catch(rejectHeld);
  });
}

/** The meetings some page of this origin hosts right now. */
export async function meetingsHostedNow(locks: Locks = navigator.locks): Promise<Set<string>> {
  const { held = [] } = await locks.query();
  return new Set(
    held.flatMap(({ name }) => (name?.startsWith(PREFIX) ? [name.slice(PREFIX.length)] : [])),
  );
}

/**
 * The meetings hosted in another tab or window, read when the page shows and again whenever it
 * comes back into view or focus (the lists that offer "Start" are never on a page that hosts).
 */
export function useMeetingsHostedElsewhere(): ReadonlySet<string> {
  const [hosted, setHosted] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!('locks' in navigator)) return;
    const read = () => void meetingsHostedNow().then(setHosted, () => undefined);
    const onVisible = () => document.visibilityState === 'visible' && read();
    read();
    document.addEventListener('visibilitychange', onVisible);
    addEventListener('focus', read);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('focus', read);
    };
  }, []);
  return hosted;
}
