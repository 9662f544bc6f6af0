import type { SigningKeyPair } from '../../../crypto/signing.ts';
import type { Role, RosterMember, SignedRoster } from '../../protocol/schemas.ts';
import { uniqueDisplayName } from '../display-name.ts';
import { signRoster } from '../roster.ts';

export class RosterFullError extends Error {
  constructor() {
    super('the roster is full');
  }
}

/** Stores a roster version before it is published, so no restart can ever reuse it. */
export type RosterKeeper = (version: number, members: RosterMember[]) => Promise<void>;

/** The host's authoritative roster: every change is a new, strictly higher, signed version. */
export class HostRoster {
  private members: RosterMember[] = [];
  private version = 0;
  private pending: Promise<unknown> = Promise.resolve();
  private newest: SignedRoster | null = null;

  constructor(
    private readonly meetingId: string,
    private readonly hostKey: SigningKeyPair,
    private readonly maxMembers: number,
    private readonly keep: RosterKeeper = () => Promise.resolve(),
  ) {}

  /** Carries on from an earlier session of this meeting: versions continue above `version`. */
  resume(version: number, members: RosterMember[]): void {
    this.version = version;
    this.members = members.slice(0, this.maxMembers);
  }

  get(peerId: string): RosterMember | undefined {
    return this.members.find((m) => m.peerId === peerId);
  }

  has(peerId: string): boolean {
    return this.members.some((m) => m.peerId === peerId);
  }

  /** The newest signed version, for a member whose link was verified anew. */
  get latest(): SignedRoster | null {
    return this.newest;
  }

  get size(): number {
    return this.members.length;
  }

  /**
   * Adds (or replaces) a member under a name nobody else on the roster has. Rejects with a
   * RosterFullError when full: checked in turn with every other change, so a crowd arriving at
   * once cannot slip past the limit while signatures are being made.
   */
  add(member: RosterMember): Promise<SignedRoster> {
    return this.publish(() => {
      const others = this.members.filter((m) => m.peerId !== member.peerId);
      if (others.length >= this.maxMembers) throw new RosterFullError();
      const name = uniqueDisplayName(
        member.name,
        others.map((m) => m.name),
      );
      this.members = [...others, { ...member, name }];
    });
  }

  remove(peerId: string): Promise<SignedRoster> {
    return this.publish(() => {
      this.members = this.members.filter((m) => m.peerId !== peerId);
    });
  }

  setRole(peerId: string, role: Role): Promise<SignedRoster> {
    return this.publish(() => {
      this.members = this.members.map((m) => (m.peerId === peerId ? { ...m, role } : m));
    });
  }

  /** Changes are applied and signed one at a time so versions never interleave. */
  private publish(change: () => void): Promise<SignedRoster> {
    const next = this.pending.then(async () => {
      change();
      this.version += 1;
      const body = { meetingId: this.meetingId, version: this.version, members: this.members };
      await this.keep(body.version, body.members);
      this.newest = await signRoster(this.hostKey.privateKey, body);
      return this.newest;
    });
    this.pending = next.catch(() => undefined);
    return next;
  }
}
