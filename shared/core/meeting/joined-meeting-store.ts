import type { Invite } from './invite.ts';

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
