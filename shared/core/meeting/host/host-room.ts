import type { SigningKeyPair } from '../../../crypto/signing.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type {
  DenyReason,
  GuestRole,
  Role,
  SignedRoster,
  WireMessage,
} from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { readMessage } from '../link-messages.ts';
import type { Room, RoomContext } from '../room.ts';
import type { AdmissionDesk, KnockAttempt, KnockOutcome, LobbyOutcome } from './admission-desk.ts';
import type { AccessKey } from './admission-settings.ts';
import { runHostAdmission, type Knock } from './host-admission.ts';
import { HostRoster, RosterFullError } from './host-roster.ts';

export const MAX_PARTICIPANTS = 6;
/** Admission handshakes the host runs at once. */
export const MAX_CONCURRENT_ADMISSIONS = 8;
/**
 * How long an admission may hold its place before a newcomer can take it. A real guest is
 * through in well under this; connections that open and then say nothing are not.
 */
export const ADMISSION_GRACE_MS = 5_000;
/** How long a knock may wait in the lobby for the host's decision. */
const LOBBY_WAIT_MS = 10 * 60_000;

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
    private readonly desk: AdmissionDesk,
  ) {
    this.roster = new HostRoster(ctx.invite.meetingId, hostKey, MAX_PARTICIPANTS);
    desk.events.on('revoked', (peerIds) => {
      for (const peerId of peerIds) this.expel(peerId, 'key-revoked');
    });
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
    this.desk.noteLeft(peerId);
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
    this.desk.noteLeft(peerId);
    ctx.mesh.dropPeer(peerId);
    void this.roster.remove(peerId).then((signed) => this.publish(signed));
  }

  private publish(signed: SignedRoster): void {
    if (this.ctx.isEnded()) return;
    this.ctx.applyRoster(signed);
    this.ctx.mesh.broadcast(encodeMessage('roster', { roster: signed }));
  }

  /** Removes a member: they are told why, and every other peer drops them on the new roster. */
  private expel(peerId: string, reason: DenyReason): void {
    const { ctx } = this;
    ctx.mesh.sendMessage(peerId, encodeMessage('deny', { reason }));
    ctx.log(`removed ${peerId}: ${reason}`);
    this.handlePeerGone(peerId);
  }

  private async handleAdmission(link: DataLink): Promise<void> {
    const { ctx } = this;
    if (!this.makeRoomForAdmission(link)) {
      ctx.log(`refused ${link.remotePeerId}: too many admissions at once`);
      return link.close();
    }
    this.admissionsRunning.set(link, Date.now());
    let knock: Knock;
    try {
      knock = await runHostAdmission({
        link,
        meetingId: ctx.invite.meetingId,
        selfPeerId: ctx.selfPeerId,
        hostKey: this.hostKey,
        selfFingerprint: ctx.transport.localFingerprint,
        password: this.desk.passwordParams(),
        log: ctx.log,
      });
    } catch (error) {
      ctx.log(`admission from ${link.remotePeerId} failed: ${String(error)}`);
      return link.close();
    } finally {
      this.admissionsRunning.delete(link);
    }
    if (ctx.isEnded()) return link.close();
    const outcome = await this.decide(knock);
    if (outcome.decision === 'admit') return this.admit(link, knock, outcome.role, outcome.key);
    if (outcome.decision === 'deny') return this.refuse(link, outcome.reason);
    return this.waitInLobby(link, knock, outcome);
  }

  /** The single decision for every knock: admit now, wait in the lobby, or deny. */
  private decide(knock: KnockAttempt): Promise<KnockOutcome> {
    // Removed by the host this session: whatever credential they bring.
    if (this.removed.has(knock.peerId))
      return Promise.resolve({ decision: 'deny', reason: 'denied' });
    return this.desk.evaluate(knock);
  }

  /**
   * Holds the knock in the lobby until the host decides, the guest proves itself with a retried
   * password, leaves, or waits too long. The guest learns nothing of the meeting meanwhile.
   */
  private async waitInLobby(link: DataLink, knock: Knock, outcome: LobbyOutcome): Promise<void> {
    const { peerId } = knock;
    const tell = (o: LobbyOutcome) =>
      link.send(encodeMessage('waiting', { reason: o.reason, attemptsLeft: o.attemptsLeft }));
    const decided = this.desk.wait(knock, outcome);
    tell(outcome);
    const offMessage = link.events.on('message', (raw) => {
      const message = readMessage(link, raw, this.ctx.log);
      if (message?.t !== 'knock') return;
      void this.decide({ ...knock, credential: message.credential }).then((retried) => {
        if (retried.decision === 'lobby') {
          this.desk.updateWait(peerId, retried);
          return tell(retried);
        }
        this.desk.settleLobby(
          peerId,
          retried.decision === 'admit'
            ? { admit: true, role: retried.role, key: retried.key }
            : { admit: false, reason: retried.reason },
        );
      });
    });
    const offClose = link.events.on('close', () =>
      this.desk.settleLobby(peerId, { admit: false, reason: 'denied' }),
    );
    const timer = setTimeout(
      () => this.desk.settleLobby(peerId, { admit: false, reason: 'timeout' }),
      LOBBY_WAIT_MS,
    );
    const decision = await decided;
    offMessage();
    offClose();
    clearTimeout(timer);
    if (!link.isOpen || this.ctx.isEnded()) return link.close();
    if (decision.admit) return this.admit(link, knock, decision.role, decision.key);
    return this.refuse(link, decision.reason);
  }

  private async admit(
    link: DataLink,
    knock: Knock,
    role: GuestRole,
    key: AccessKey | null,
  ): Promise<void> {
    const { ctx } = this;
    const { peerId, name, fingerprint } = knock;
    try {
      const signed = await this.roster.add({ peerId, name, fingerprint, role });
      if (ctx.isEnded()) return link.close();
      ctx.applyRoster(signed);
      link.send(encodeMessage('admit', { roster: signed }));
      ctx.mesh.adoptVerifiedDataLink(link);
      ctx.mesh.broadcast(encodeMessage('roster', { roster: signed }), peerId);
      this.desk.noteAdmitted(peerId, name, key);
    } catch (error) {
      if (!(error instanceof RosterFullError)) throw error;
      this.refuse(link, 'full');
    }
  }

  private refuse(link: DataLink, reason: DenyReason): void {
    this.ctx.log(`denied ${link.remotePeerId}: ${reason}`);
    link.send(encodeMessage('deny', { reason }));
    link.close();
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
