import type { StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import { meetingTime } from '../meetings/meeting-time.ts';

/** The line under a meeting's title in "Your meetings". */
export function meetingRowNote(meeting: StoredMeeting, now: Date = new Date()): string {
  return meeting.hostKey
    ? `Last used ${meetingTime(new Date(meeting.lastUsedAt), now)}`
    : 'Ended for good: its link no longer works';
}
