import type { Meeting } from '../../core/meeting/meeting.ts';

/** The meetings this page takes part in now: from starting until they end. */
const live = new Set<string>();

export function trackLiveMeeting(meeting: Meeting): void {
  const { meetingId } = meeting.invite;
  live.add(meetingId);
  const off = meeting.events.on('state', ({ phase }) => {
    if (phase !== 'ended') return;
    off();
    live.delete(meetingId);
  });
}

/** Whether this page is in (or on its way into) the meeting, rather than showing how it ended. */
export function isLiveHere(meetingId: string): boolean {
  return live.has(meetingId);
}
