import type { SigningKeyPair } from '../../crypto/signing.ts';
import type { RosterMember, SignedRoster } from '../protocol/schemas.ts';
import { signRoster } from './roster.ts';

/** The host's authoritative roster: every change is a new, strictly higher, signed version. */
export class HostRoster {
  private members: RosterMember[] = [];
  private version = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly meetingId: string,
    private readonly hostKey: SigningKeyPair,
  ) {}

  has(peerId: string): boolean {
    return this.members.some((m) => m.peerId === peerId);
  }

  get size(): number {
    return this.members.length;
  }

  add(member: RosterMember): Promise<SignedRoster> {
    return this.publish(() => {
      this.members = [...this.members.filter((m) => m.peerId !== member.peerId), member];
    });
  }

  remove(peerId: string): Promise<SignedRoster> {
    return this.publish(() => {
      this.members = this.members.filter((m) => m.peerId !== peerId);
    });
  }

  /** Changes are applied and signed one at a time so versions never interleave. */
  private publish(change: () => void): Promise<SignedRoster> {
    const next = this.pending.then(() => {
      change();
      this.version += 1;
      return signRoster(this.hostKey.privateKey, {
        meetingId: this.meetingId,
        version: this.version,
        members: this.members,
      });
    });
    this.pending = next.catch(() => undefined);
    return next;
  }
}
