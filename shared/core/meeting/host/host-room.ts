import type { SigningKeyPair } from '../../../crypto/signing.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type { RosterMember, WireMessage } from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { holdMessages } from '../early-links.ts';
import type { Room, RoomContext } from '../room.ts';
import { runHostAdmission, type Knock } from './host-admission.ts';
import {
  dropWhoDoesNotReturn,
  RESUME_GRACE_MS,
  resumeHostSession,
  type HostContinuity,
} from './host-resume.ts';
import { HostRoster, RosterFullError } from './host-roster.ts';
import { KnownMembers } from './known-members.ts';

export const MAX_PARTICIPANTS = 6;
/** Admission handshakes the host runs at once. */
export const MAX_CONCURRENT_ADMISSIONS = 8;
/**
 * How long an admission may hold its place before a newcomer can take it. A real guest is
 * through in well under this; connections that open and then say nothing are not.
 */
export const ADMISSION_GRACE_MS = 5_000;

/** The host's side: admits guests and signs every roster change. */
export class HostRoom implements Room {
  readonly farewell = 'end';
  private readonly roster: HostRoster;
  /** Admissions under way, oldest first, with when each started. */
  private readonly admissionsRunning = new Map<DataLink, number>();
  private readonly known = new KnownMembers();
  /** Admitted in this session of the page. */
  private readonly admitted = new Set<string>();

  constructor(
    private readonly ctx: RoomContext,
    private readonly hostKey: SigningKeyPair,
    private readonly continuity: HostContinuity | null = null,
  ) {
    this.roster = new HostRoster(
      ctx.invite.meetingId,
      hostKey,
      MAX_PARTICIPANTS,
      (version, members) => this.keepRoster(version, members),
    );
  }

  async start(): Promise<void> {
    const { ctx } = this;
    const ready = this.takeSeat();
    // Listening before the first await: guests may knock the moment we register.
    ctx.transport.events.on('data-link', (link) => {
      const held = holdMessages(link);
      ready.then(
        () => this.handleAdmission(held),
        () => link.close(),
      );
    });
    const expected = await ready;
    ctx.setPhase('in-meeting');
    dropWhoDoesNotReturn(
      expected,
      this.continuity?.resumeGraceMs ?? RESUME_GRACE_MS,
      (peerId) => this.admitted.has(peerId),
      (peerId) => this.handlePeerGone(peerId),
    );
  }

  /** Resumes the stored meeting, if any, and signs a roster with the host on it. */
  private async takeSeat(): Promise<RosterMember[]> {
    const { ctx, continuity } = this;
    const expected = continuity
      ? await resumeHostSession(continuity.store, ctx.invite.meetingId, this.roster, this.known)
      : [];
    ctx.applyRoster(
      await this.roster.add({
        peerId: ctx.selfPeerId,
        name: ctx.displayName,
        role: 'host',
        fingerprint: ctx.transport.localFingerprint,
      }),
    );
    return expected;
  }

  handleMessage(_peerId: string, _message: WireMessage): boolean {
    return false;
  }

  handlePeerGone(peerId: string): void {
    const { ctx } = this;
    if (!this.roster.has(peerId)) return;
    ctx.mesh.dropPeer(peerId);
    void this.roster.remove(peerId).then((signed) => {
      if (ctx.isEnded()) return;
      ctx.applyRoster(signed);
      ctx.mesh.broadcast(encodeMessage('roster', { roster: signed }));
    });
  }

  private async handleAdmission(link: DataLink): Promise<void> {
    const { ctx } = this;
    if (!this.makeRoomForAdmission(link)) {
      ctx.log(`refused ${link.remotePeerId}: too many admissions at once`);
      return link.close();
    }
    this.admissionsRunning.set(link, Date.now());
    try {
      const knock = await runHostAdmission({
        link,
        meetingId: ctx.invite.meetingId,
        selfPeerId: ctx.selfPeerId,
        hostKey: this.hostKey,
        selfFingerprint: ctx.transport.localFingerprint,
        log: ctx.log,
      });
      if (ctx.isEnded()) return link.close();
      const signed = await this.roster.add(this.memberFor(knock));
      this.admitted.add(knock.peerId);
      ctx.applyRoster(signed);
      link.send(encodeMessage('admit', { roster: signed }));
      ctx.mesh.adoptVerifiedDataLink(link);
      ctx.mesh.broadcast(encodeMessage('roster', { roster: signed }), knock.peerId);
    } catch (error) {
      if (error instanceof RosterFullError) link.send(encodeMessage('deny', { reason: 'full' }));
      else ctx.log(`admission from ${link.remotePeerId} failed: ${String(error)}`);
      link.close();
    } finally {
      this.admissionsRunning.delete(link);
    }
  }

  /** Someone admitted before comes back as they were; anyone else joins as a participant. */
  private memberFor(knock: Knock): RosterMember {
    return this.known.recall(knock) ?? { ...knock, role: 'participant' };
  }

  private async keepRoster(version: number, members: RosterMember[]): Promise<void> {
    this.known.remember(members);
    await this.continuity?.store.saveRoster(this.ctx.invite.meetingId, version, members);
  }

  /**
   * One admission per person (a new connection from the same id replaces the old one), and at
   * most MAX_CONCURRENT_ADMISSIONS: when full, the oldest gives way once it has had its grace,
   * so connections that open and then stall cannot keep a real guest out for long.
   */
  private makeRoomForAdmission(link: DataLink): boolean {
    const drop = (other: DataLink, why: string) => {
      this.ctx.log(`dropped ${other.remotePeerId}: ${why}`);
      this.admissionsRunning.delete(other);
      other.close();
    };
    for (const other of this.admissionsRunning.keys()) {
      if (other.remotePeerId === link.remotePeerId) drop(other, 'a newer connection replaces it');
    }
    if (this.admissionsRunning.size < MAX_CONCURRENT_ADMISSIONS) return true;
    const [oldest, startedAt] = this.admissionsRunning.entries().next().value!;
    if (Date.now() - startedAt < ADMISSION_GRACE_MS) return false;
    drop(oldest, 'too many admissions at once');
    return true;
  }
}
