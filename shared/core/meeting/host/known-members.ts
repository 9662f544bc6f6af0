import type { RosterMember } from '../../protocol/schemas.ts';
import { MAX_RECENT_MEMBERS, mergeRecentMembers, type RecentMember } from './meeting-store.ts';

/**
 * The people this host admitted, in this session or an earlier one of the same meeting. One
 * of them knocking again (after the host's page restarted, or their link to the host dropped)
 * comes back at once under the same name and role, with no lobby: but only when both the peer
 * id and the DTLS fingerprint on this very connection are the ones admitted before. A new
 * certificate is a new session: that person knocks like anyone else.
 */
export class KnownMembers {
  private members: RecentMember[];

  constructor(recent: RecentMember[] = []) {
    this.members = recent.slice(-MAX_RECENT_MEMBERS);
  }

  recall(
    knock: Pick<RecentMember, 'peerId' | 'fingerprint'> & Partial<RecentMember>,
  ): RecentMember | null {
    return (
      this.members.find((m) => m.peerId === knock.peerId && m.fingerprint === knock.fingerprint) ??
      null
    );
  }

  /** Sent away by the host: from now on they knock like anyone else. */
  forget(peerId: string): void {
    this.members = this.members.filter((m) => m.peerId !== peerId);
  }

  remember(members: RosterMember[]): void {
    this.members = mergeRecentMembers(this.members, members);
  }
}
