import type { RosterMember } from '../../protocol/schemas.ts';
import type { HostRoster } from './host-roster.ts';
import type { KnownMembers } from './known-members.ts';
import type { MeetingStore } from './meeting-store.ts';

/** How long the guests of the last roster have to come back after the host's page restarts. */
export const RESUME_GRACE_MS = 30_000;

/** What the host's room keeps across restarts of the page. */
export interface HostContinuity {
  store: MeetingStore;
  /** Defaults to RESUME_GRACE_MS. */
  resumeGraceMs?: number;
}

/**
 * Picks up where the last session of this meeting left off: the roster carries on above the
 * highest version ever published, with the guests who were on it (they keep their media with
 * each other while the host is away), and the people admitted before may come straight back.
 * Returns the guests expected back, and the meeting's title.
 */
export async function resumeHostSession(
  store: MeetingStore,
  meetingId: string,
  roster: HostRoster,
  known: KnownMembers,
): Promise<{ expected: RosterMember[]; title: string | null }> {
  const saved = await store.get(meetingId);
  if (!saved) return { expected: [], title: null };
  known.remember(saved.recentMembers);
  roster.resume(saved.rosterVersion, saved.rosterMembers);
  return { expected: saved.rosterMembers, title: saved.title };
}

/** After the grace, calls `remove` for each of `expected` that `isBack` does not vouch for. */
export function dropWhoDoesNotReturn(
  expected: RosterMember[],
  graceMs: number,
  isBack: (peerId: string) => boolean,
  remove: (peerId: string) => void,
): void {
  if (expected.length === 0) return;
  setTimeout(() => {
    for (const member of expected) if (!isBack(member.peerId)) remove(member.peerId);
  }, graceMs);
}
