import type { Invite } from '../../core/meeting/invite.ts';
import type { Meeting } from '../../core/meeting/meeting.ts';

/** How many joined meetings a device keeps; the oldest goes first. */
export const MAX_JOINED_MEETINGS = 10;

/**
 * A meeting this person joined as a guest, as the recent list keeps it: its title and the bare
 * invite (meeting id and host key digest), which leads only to the waiting room. Never the
 * personal access key (`k`) nor a password: those admit at once and stay in the link or the
 * person's head.
 */
export interface JoinedMeeting {
  meetingId: string;
  hostKeyDigest: string;
  title: string;
  joinedAt: number;
}

/** Where a shell keeps the meetings its person joined (IndexedDB in both shells). */
export interface JoinedMeetingStore {
  /** Newest first, at most MAX_JOINED_MEETINGS. */
  list(): Promise<JoinedMeeting[]>;
  /** Keeps (or moves to the top) this meeting, dropping the oldest beyond the limit. */
  remember(meeting: JoinedMeeting): Promise<void>;
  forget(meetingId: string): Promise<void>;
  forgetAll(): Promise<void>;
}

/** The bare invite of a joined meeting: it knocks, and the host lets the person in again. */
export function bareInvite({ meetingId, hostKeyDigest }: JoinedMeeting): Invite {
  return { meetingId, hostKeyDigest };
}

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
