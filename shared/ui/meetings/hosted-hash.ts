import { MEETING_ID_PATTERN } from '../../core/meeting/meeting-id.ts';

/**
 * The host's meeting page names the meeting it hosts in its fragment, so a reload resumes it
 * from this device's store. The id alone is no secret the store does not already hold: hosting
 * needs the key, which never leaves the store.
 */
export function hostedMeetingHash(meetingId: string): string {
  return `#host=${meetingId}`;
}

export function hostedMeetingFromHash(hash: string): string | null {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('host');
  return id !== null && MEETING_ID_PATTERN.test(id) ? id : null;
}
