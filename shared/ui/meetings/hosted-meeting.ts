import { useEffect } from 'preact/hooks';
import type { StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import type { Platform } from '../../platform.ts';
import type { MeetingRequest } from '../meeting/start-session.ts';
import { hostedMeetingFromHash, hostedMeetingHash } from './hosted-hash.ts';

type Active = { request: MeetingRequest; name: string } | null;

/** Hosting a stored meeting: its id and key, nothing else, go to the meeting. */
export function hostRequest(meeting: StoredMeeting): MeetingRequest {
  if (!meeting.hostKey) throw new Error('this meeting was ended for good');
  return {
    kind: 'host',
    descriptor: { meetingId: meeting.meetingId, hostKey: meeting.hostKey },
  };
}

/**
 * Keeps the page's URL naming the meeting it hosts, and on load resumes the one the URL names
 * (a reload of the host's page), as long as it is still on this device with its key.
 */
export function useHostedMeetingInUrl(
  platform: Platform,
  hostMeetingId: string | null,
  name: string | null,
  active: Active,
  setActive: (active: Active) => void,
): void {
  useEffect(() => {
    if (!hostMeetingId || name === null) return;
    void platform.meetingStore.get(hostMeetingId).then((meeting) => {
      if (meeting?.hostKey) setActive({ request: hostRequest(meeting), name: name || 'Host' });
    });
  }, [platform, hostMeetingId, name]);

  const hostedId = active?.request.kind === 'host' ? active.request.descriptor.meetingId : null;
  useEffect(() => {
    const hash = hostedId ? hostedMeetingHash(hostedId) : '';
    if (location.hash === hash || (!hostedId && !hostedMeetingFromHash(location.hash))) return;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }, [hostedId]);
}
