import type { StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import { meetingTime } from '../meetings/meeting-time.ts';

/** The line under a meeting's title in "Your meetings". */
export function meetingRowNote(meeting: StoredMeeting, now: Date = new Date()): string {
  return meeting.hostKey
    ? `Last used ${meetingTime(new Date(meeting.lastUsedAt), now)}`
    : 'Ended for good: its link no longer works';
}

/**
 * Where the focus goes once the row at `index` is deleted from a list now `remaining` long: the
 * row that took its place, else the one above it, else (the list is empty) the list's heading.
 */
export function focusAfterDelete(index: number, remaining: number): number | 'heading' {
  if (remaining === 0) return 'heading';
  return Math.min(index, remaining - 1);
}
