import type { Meeting } from '../../core/meeting/meeting.ts';

/** Meetings that ended in this page (it shows how), until the person starts them again here. */
const endedHere = new Set<string>();

export function trackMeetingEnd(meeting: Meeting): void {
  const { meetingId } = meeting.invite;
  endedHere.delete(meetingId);
  const off = meeting.events.on('state', ({ phase }) => {
    if (phase !== 'ended') return;
    off();
    endedHere.add(meetingId);
  });
}

/** Whether this page shows how the meeting ended, rather than the meeting or the way into it. */
export function hasEndedHere(meetingId: string): boolean {
  return endedHere.has(meetingId);
}
