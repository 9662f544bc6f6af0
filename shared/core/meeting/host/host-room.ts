import type { SigningKeyPair } from '../../../crypto/signing.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type { Role, SignedRoster, WireMessage } from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import type { Room, RoomContext } from '../room.ts';
import { runHostAdmission } from './host-admission.ts';
import { HostRoster, RosterFullError } from './host-roster.ts';

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
  /** Removed this session: refused at admission from now on. */
  private readonly removed = new Set<string>();

  constructor(
    private readonly ctx: RoomContext,
    private readonly hostKey: SigningKeyPair,
    private readonly isLocked: () => boolean,
  ) {
    this.roster = new HostRoster(ctx.invite.meetingId, hostKey, MAX_PARTICIPANTS);
  }

  async start(): Promise<void> {
    const { ctx } = this;
    ctx.applyRoster(
      await this.roster.add({
        peerId: ctx.selfPeerId,
        name: ctx.displayName,
        role: 'host',
        fingerprint: ctx.transport.localFingerprint,
      }),
    );
    ctx.transport.events.on('data-link', (link) => void this.handleAdmission(link));
    ctx.setPhase('in-meeting');
  }

  hostPublicKey(): CryptoKey {
    return this.hostKey.publicKey;
  }

  /** Takes someone off the roster for good; `farewell` (the signed command) still reaches them. */
  async removeMember(peerId: string, farewell: string): Promise<void> {
    this.removed.add(peerId);
    this.ctx.mesh.dismiss(peerId, farewell);
    this.publish(await this.roster.remove(peerId));
  }

  async setRole(peerId: string, role: Role): Promise<void> {
    this.publish(await this.roster.setRole(peerId, role));
  }

  handleMessage(_peerId: string, _message: WireMessage): boolean {
    return false;
  }

  handlePeerGone(peerId: string): void {
    const { ctx } = this;
    if (!this.roster.has(peerId)) return;
    ctx.mesh.dropPeer(peerId);
    void this.roster.remove(peerId).then((signed) => this.publish(signed));
  }

  private publish(signed: SignedRoster): void {
    if (this.ctx.isEnded()) return;
    this.ctx.applyRoster(signed);
    this.ctx.mesh.broadcast(encodeMessage('roster', { roster: signed }));
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
      const refusal = this.removed.has(knock.peerId) ? 'denied' : this.isLocked() ? 'locked' : null;
      if (refusal) {
        ctx.log(`refused ${knock.peerId}: ${refusal}`);
        link.send(encodeMessage('deny', { reason: refusal }));
        return link.close();
      }
      const signed = await this.roster.add({ ...knock, role: 'participant' });
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
