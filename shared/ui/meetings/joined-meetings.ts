import type { JoinedMeetingStore } from '../../core/meeting/joined-meeting-store.ts';
import type { Meeting } from '../../core/meeting/meeting.ts';

/**
 * Once the host admits this guest, keeps the meeting under the title the host gave it (the
 * host's name when it gave none). Built field by field: the invite's access key stays out.
 */
export function rememberWhenAdmitted(meeting: Meeting, store: JoinedMeetingStore): void {
  const off = meeting.events.on('state', ({ phase }) => {
    if (phase === 'ended') return off();
    if (phase !== 'in-meeting') return;
    off();
    const host = meeting.participants.find((p) => p.role === 'host');
    void store
      .remember({
        meetingId: meeting.invite.meetingId,
        hostKeyDigest: meeting.invite.hostKeyDigest,
        title: meeting.title ?? (host ? `Meeting with ${host.name}` : 'Meeting'),
        joinedAt: Date.now(),
      })
      .catch(() => undefined); // the meeting goes on; only the recent list misses it
  });
}
