import { useEffect } from 'preact/hooks';
import { storedHostDescriptor, type StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import type { Platform } from '../../platform.ts';
import type { MeetingRequest } from '../meeting/start-session.ts';
import { hostedMeetingFromHash, hostedMeetingHash } from './hosted-hash.ts';

/** Hosting a stored meeting: its id and key, and the admission settings kept with it. */
export function hostRequest(meeting: StoredMeeting): MeetingRequest {
  const descriptor = storedHostDescriptor(meeting);
  if (!descriptor) throw new Error('this meeting was ended for good');
  return { kind: 'host', descriptor };
}

/**
 * Keeps the page's URL naming the meeting it hosts, and on load resumes the one the URL names
 * (a reload of the host's page), as long as it is still on this device with its key.
 */
export function useHostedMeetingInUrl(
  platform: Platform,
  hostMeetingId: string | null,
  hostedId: string | null,
  resume: (request: MeetingRequest) => void,
): void {
  useEffect(() => {
    if (!hostMeetingId) return;
    void platform.meetingStore.get(hostMeetingId).then((meeting) => {
      if (meeting?.hostKey) resume(hostRequest(meeting));
    });
  }, [platform, hostMeetingId]);

  useEffect(() => {
    const hash = hostedId ? hostedMeetingHash(hostedId) : '';
    if (location.hash === hash || (!hostedId && !hostedMeetingFromHash(location.hash))) return;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }, [hostedId]);
}
