import { useEffect } from 'preact/hooks';
import type { StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import type { Platform } from '../../platform.ts';
import { hostedMeetingFromHash, hostedMeetingHash } from './hosted-hash.ts';

/**
 * Keeps the page's URL naming the meeting it hosts, and on load resumes the one the URL names
 * (a reload of the host's page), as long as it is still on this device with its key;
 * `onReadFailed` when the device's meetings could not be read.
 */
export function useHostedMeetingInUrl(
  platform: Platform,
  hostMeetingId: string | null,
  hostedId: string | null,
  resume: (meeting: StoredMeeting) => void,
  onReadFailed: () => void,
): void {
  useEffect(() => {
    if (!hostMeetingId) return;
    void platform.meetingStore.get(hostMeetingId).then((meeting) => {
      if (meeting?.hostKey) resume(meeting);
    }, onReadFailed);
  }, [platform, hostMeetingId]);

  useEffect(() => {
    const hash = hostedId ? hostedMeetingHash(hostedId) : '';
    if (location.hash === hash || (!hostedId && !hostedMeetingFromHash(location.hash))) return;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }, [hostedId]);
}
