import type { SigningKeyPair } from '../../../crypto/signing.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';
import type {
  Credential,
  DenyReason,
  GuestRole,
  Role,
  RosterMember,
  SignedRoster,
  WireMessage,
} from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { holdMessages } from '../early-links.ts';
import { readMessage } from '../link-messages.ts';
import type { Room, RoomContext } from '../room.ts';
import type { SecurityEvent, SecurityReport } from '../security-log/security-event.ts';
import type { AdmissionDesk, KnockAttempt, KnockOutcome, LobbyOutcome } from './admission-desk.ts';
import type { AccessKey } from './admission-settings.ts';
import { runHostAdmission, type Knock } from './host-admission.ts';
import {
  dropWhoDoesNotReturn,
  RESUME_GRACE_MS,
  resumeHostSession,
  type HostContinuity,
} from './host-resume.ts';
import { HostRoster, RosterFullError } from './host-roster.ts';
import { normalizeDisplayName, normalizeMeetingTitle } from '../display-name.ts';
import { KnownMembers } from './known-members.ts';

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
  private readonly known = new KnownMembers();
  /** Admitted in this session of the page. */
  private readonly admitted = new Set<string>();
  /** Sent away (removed, key revoked): never let back in without knocking again. */
  private readonly removed = new Set<string>();
  /** The stored meeting's title, told to each guest admitted. */
  private title: string | null = null;

  constructor(
    private readonly ctx: RoomContext,
    private readonly hostKey: SigningKeyPair,
    private readonly desk: AdmissionDesk,
    private readonly continuity: HostContinuity | null = null,
    private readonly report: SecurityReport = () => undefined,
  ) {
    this.roster = new HostRoster(
      ctx.invite.meetingId,
      hostKey,
      MAX_PARTICIPANTS,
      (version, members) => this.keepRoster(version, members),
    );
    desk.events.on('revoked', (peerIds) => {
      for (const peerId of peerIds) this.expel(peerId, 'key-revoked');
    });
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
    // A member back after an outage missed the rosters signed meanwhile.
    ctx.mesh.events.on('data-ready', (peerId) => {
      const latest = this.roster.latest;
      if (latest && this.roster.has(peerId)) {
        ctx.mesh.sendMessage(peerId, encodeMessage('roster', { roster: latest }));
      }
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
    const { expected, title } = continuity
      ? await resumeHostSession(continuity.store, ctx.invite.meetingId, this.roster, this.known)
      : { expected: [], title: null };
    // The store does not bound titles; the wire does, and a guest would refuse the whole admit.
    this.title = title ? normalizeMeetingTitle(title) : null;
    ctx.setTitle(this.title);
    this.desk.keepHoldersAmong(expected.map((m) => m.peerId));
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

  /** Knocking now (handshake under way) or waiting in the lobby. */
  isAwaitingAdmission(peerId: string): boolean {
    if (this.desk.waiting.some((entry) => entry.peerId === peerId)) return true;
    return [...this.admissionsRunning.keys()].some((link) => link.remotePeerId === peerId);
  }

  hostPublicKey(): CryptoKey {
    return this.hostKey.publicKey;
  }

  /** Takes someone off the roster for good; `farewell` (the signed command) still reaches them. */
  async removeMember(peerId: string, farewell: string, why = 'by the host'): Promise<void> {
    const ownKey = this.keyOnlyTheyHold(peerId);
    this.reportAbout(peerId, 'removed', why);
    this.removed.add(peerId);
    this.known.forget(peerId);
    this.desk.noteLeft(peerId);
    // Their next session has a new id: the personal link they came in with would let them back.
    // Revoked before anything awaits, so no knock with it slips in meanwhile.
    const revoked = ownKey ? this.desk.revokeKey(ownKey) : null;
    this.ctx.mesh.dismiss(peerId, farewell);
    this.publish(await this.roster.remove(peerId));
    await revoked;
  }

  /** The personal link this person came in with, when nobody else in the meeting uses it. */
  private keyOnlyTheyHold(peerId: string): string | null {
    const holders = this.desk.keyHolders;
    const keyId = holders.find((h) => h.peerId === peerId)?.keyId;
    if (!keyId || holders.some((h) => h.keyId === keyId && h.peerId !== peerId)) return null;
    return keyId;
  }

  async setRole(peerId: string, role: Role): Promise<void> {
    this.reportAbout(peerId, 'role-changed', `${this.roster.get(peerId)?.role} to ${role}`);
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

  /** Removes a member whose key was revoked: told why, dropped by everyone on the new roster. */
  private expel(peerId: string, reason: DenyReason): void {
    this.ctx.log(`removed ${peerId}: ${reason}`);
    void this.removeMember(
      peerId,
      encodeMessage('deny', { reason }),
      'their personal link was revoked',
    );
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
      if (isFailedProof(error)) {
        this.report({ kind: 'proof-failed', peerId: link.remotePeerId, detail: error.message });
      }
      return link.close();
    } finally {
      this.admissionsRunning.delete(link);
    }
    if (ctx.isEnded()) return link.close();
    const outcome = await this.decide(knock);
    if (outcome.decision === 'admit') {
      const how = outcome.key
        ? keyHow(outcome.key)
        : knock.credential?.kind === 'password'
          ? 'with the meeting password'
          : 'a member returning';
      return this.admit(link, knock, outcome.role, outcome.key, how);
    }
    if (outcome.decision === 'deny') {
      this.reportRefused(knock, outcome.reason);
      return this.refuse(link, outcome.reason);
    }
    return this.waitInLobby(link, knock, outcome);
  }

  /**
   * The single decision for every knock: admit now, wait in the lobby, or deny. Someone removed
   * this session is refused whatever they bring; someone admitted before (same peer id and DTLS
   * fingerprint: the host reloaded, they did not) comes straight back.
   */
  private decide(knock: KnockAttempt & Pick<Knock, 'fingerprint'>): Promise<KnockOutcome> {
    if (this.removed.has(knock.peerId)) {
      return Promise.resolve({ decision: 'deny', reason: 'denied' });
    }
    const known = this.known.recall(knock);
    if (known && known.role !== 'host') {
      // Back in the role they had (a co-host too: `admit` takes it from the known member).
      const role = known.role === 'viewer' ? 'viewer' : 'participant';
      return Promise.resolve({ decision: 'admit', role, key: null });
    }
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
    let proved: Credential | undefined;
    const offMessage = link.events.on('message', (raw) => {
      const message = readMessage(link, raw, this.ctx.log);
      if (message?.t !== 'knock') return;
      void this.decide({ ...knock, credential: message.credential }).then((retried) => {
        if (retried.decision === 'lobby') {
          this.desk.updateWait(peerId, retried);
          return tell(retried);
        }
        if (retried.decision === 'deny') this.reportRefused(knock, retried.reason);
        else proved = message.credential;
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
    if (decision.admit) {
      const how = decision.key
        ? keyHow(decision.key)
        : proved
          ? 'with the meeting password'
          : 'from the waiting room';
      return this.admit(link, knock, decision.role, decision.key, how);
    }
    if (decision.reason === 'timeout') {
      this.report({ ...about(knock), kind: 'lobby-timeout', detail: 'waited too long' });
    }
    return this.refuse(link, decision.reason);
  }

  private async admit(
    link: DataLink,
    knock: Knock,
    role: GuestRole,
    key: AccessKey | null,
    how: string,
  ): Promise<void> {
    const { ctx } = this;
    const { peerId, name, fingerprint } = knock;
    try {
      // Someone coming back keeps the name they had.
      const member = this.known.recall(knock) ?? { peerId, name, fingerprint, role };
      const signed = await this.roster.add(member);
      this.admitted.add(peerId);
      if (ctx.isEnded()) return link.close();
      ctx.applyRoster(signed);
      link.send(
        encodeMessage('admit', { roster: signed, ...(this.title && { title: this.title }) }),
      );
      ctx.mesh.adoptVerifiedDataLink(link);
      // Their early call may have been dropped while they waited (calls from strangers are held
      // only so long); the guest cannot tell, so the host calls them now.
      if (ctx.mesh.takeDroppedCall(peerId)) ctx.mesh.connect(peerId, { data: false, media: true });
      ctx.mesh.broadcast(encodeMessage('roster', { roster: signed }), peerId);
      this.desk.noteAdmitted(peerId, name, key);
      this.report({ peerId, name: member.name, kind: 'joined', detail: how });
    } catch (error) {
      if (!(error instanceof RosterFullError)) throw error;
      this.reportRefused(knock, 'full');
      this.refuse(link, 'full');
    }
  }

  private reportAbout(peerId: string, kind: SecurityEvent['kind'], detail: string): void {
    this.report({ kind, peerId, name: this.roster.get(peerId)?.name, detail });
  }

  private reportRefused(knock: Knock, reason: DenyReason): void {
    const detail = this.removed.has(knock.peerId) ? 'removed earlier in this meeting' : reason;
    this.report({ ...about(knock), kind: 'refused', detail });
  }

  private refuse(link: DataLink, reason: DenyReason): void {
    this.ctx.log(`denied ${link.remotePeerId}: ${reason}`);
    link.send(encodeMessage('deny', { reason }));
    link.close();
  }

  private async keepRoster(version: number, members: RosterMember[]): Promise<void> {
    this.known.remember(members);
    await this.continuity?.store.saveRoster(this.ctx.invite.meetingId, version, members, [
      ...this.removed,
    ]);
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

function about({ peerId, name }: Knock): Pick<SecurityEvent, 'peerId' | 'name'> {
  return { peerId, name: normalizeDisplayName(name) };
}

function keyHow(key: AccessKey): string {
  return `with personal link "${key.label}"`;
}

/** A handshake that failed on what the guest sent, not on a timeout or a closed connection. */
function isFailedProof(error: unknown): error is ConclaveError {
  return (
    error instanceof ConclaveError &&
    (error.code === ErrorCode.ProtocolViolation || error.code === ErrorCode.Intercepted)
  );
}
