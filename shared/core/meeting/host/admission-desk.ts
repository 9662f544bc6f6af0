import { fromBase64Url, toBase64Url } from '../../../crypto/encoding.ts';
import { verifyHmac } from '../../../crypto/hmac.ts';
import { randomBytes } from '../../../crypto/random.ts';
import { Emitter } from '../../emitter.ts';
import type {
  Credential,
  DenyReason,
  GuestRole,
  PasswordParams,
  WaitReason,
} from '../../protocol/schemas.ts';
import { admitProofMessage } from '../../protocol/transcript.ts';
import { accessKeySecret } from '../access-key.ts';
import { normalizeDisplayName } from '../display-name.ts';
import { AdmissionGuard, type Clock } from './admission-guard.ts';
import {
  accessKeyProblem,
  makePasswordVerifier,
  newAccessKey,
  passwordParams,
  type AccessKey,
  type AccessKeyRequest,
  type AdmissionSettings,
} from './admission-settings.ts';
import { LobbyQueue, type LobbyDecision, type LobbyEntry } from './lobby-queue.ts';
import type { SecurityEvent } from '../security-log/security-event.ts';

/** One knock as the host received it, after the handshake proved the guest holds the link. */
export interface KnockAttempt {
  peerId: string;
  name: string;
  transcript: string;
  credential?: Credential;
}

export type KnockOutcome =
  | { decision: 'admit'; role: GuestRole; key: AccessKey | null }
  | { decision: 'lobby'; reason: WaitReason; keyLabel: string | null; attemptsLeft?: number }
  | { decision: 'deny'; reason: DenyReason };

export type LobbyOutcome = Extract<KnockOutcome, { decision: 'lobby' }>;

export type AdmissionAlert = { kind: 'flood' } | { kind: 'guessing'; backoffMs: number };

/** Someone in the meeting who came in with an access key. */
export interface KeyHolder {
  peerId: string;
  name: string;
  keyId: string;
}

export interface AdmissionDeskEvents {
  /** The lobby, the keys, the password or the lock changed: redraw. */
  changed: [];
  /** A new knock waits in the lobby: tell the host even if looking elsewhere. */
  knock: [LobbyEntry];
  alert: [AdmissionAlert];
  /** These people came in with a key just revoked: they must leave the meeting. */
  revoked: [string[]];
  /** For the host's security log: failed proofs, locks, revoked links. */
  security: [SecurityEvent];
}

/**
 * The host's admission policy and its controls: checks each knock's proof, keeps the lobby and
 * the access keys, and guards against guessing and floods. The transport lives in HostRoom.
 */
export class AdmissionDesk {
  readonly events = new Emitter<AdmissionDeskEvents>();
  private readonly guard: AdmissionGuard;
  private readonly lobby = new LobbyQueue(() => this.events.emit('changed'));
  private readonly holders = new Map<string, KeyHolder>();

  constructor(
    private readonly settings: AdmissionSettings,
    private readonly now: Clock = Date.now,
  ) {
    this.guard = new AdmissionGuard(now);
  }

  get passwordInUse(): boolean {
    return this.settings.password !== null;
  }

  get locked(): boolean {
    return this.settings.locked;
  }

  get accessKeys(): readonly AccessKey[] {
    return this.settings.accessKeys;
  }

  get waiting(): LobbyEntry[] {
    return this.lobby.list();
  }

  get keyHolders(): KeyHolder[] {
    return [...this.holders.values()];
  }

  /** The PBKDF2 salt and rounds a guest needs, sent in the challenge. */
  passwordParams(): PasswordParams | undefined {
    const { password } = this.settings;
    return password ? passwordParams(password) : undefined;
  }

  /** The one decision for a knock: admit now, wait in the lobby, or deny. */
  async evaluate(attempt: KnockAttempt): Promise<KnockOutcome> {
    if (this.guard.recordKnock() && !this.settings.locked) {
      this.setLocked(true, 'automatically after a flood of knocks');
      this.events.emit('alert', { kind: 'flood' });
    }
    if (this.guard.isRefused(attempt.peerId)) return deny('too-many-attempts');
    const { credential } = attempt;
    if (credential?.kind === 'key') return this.checkKey(attempt, credential);
    if (credential?.kind === 'password') return this.checkPassword(attempt, credential.proof);
    return this.toLobby(attempt.peerId, 'waiting', null);
  }

  /**
   * Starts a knock's wait (a newer connection from the same peer id takes the older one's
   * place); resolves with the host's decision.
   */
  wait(attempt: KnockAttempt, outcome: LobbyOutcome): Promise<LobbyDecision> {
    const entry: LobbyEntry = {
      id: toBase64Url(randomBytes(16)),
      peerId: attempt.peerId,
      name: normalizeDisplayName(attempt.name),
      keyLabel: outcome.keyLabel,
      reason: outcome.reason,
      since: this.now(),
    };
    const decided = this.lobby.enter(entry);
    this.events.emit('knock', entry);
    return decided;
  }

  /** The knock waiting under this entry id, if it still waits. */
  findWaiting(entryId: string): LobbyEntry | undefined {
    return this.lobby.list().find((entry) => entry.id === entryId);
  }

  /** A knock already waiting tried again (another password) and still waits. */
  updateWait(peerId: string, outcome: LobbyOutcome): void {
    this.lobby.update(peerId, { reason: outcome.reason, keyLabel: outcome.keyLabel });
  }

  admit(peerId: string, role: GuestRole = 'participant'): boolean {
    return this.lobby.decide(peerId, { admit: true, role, key: null });
  }

  deny(peerId: string): boolean {
    return this.lobby.decide(peerId, { admit: false, reason: 'denied' });
  }

  admitAll(): void {
    for (const entry of this.lobby.list()) this.admit(entry.peerId);
  }

  denyAll(): void {
    for (const entry of this.lobby.list()) this.deny(entry.peerId);
  }

  /** Ends a knock's wait otherwise than by the host: it left, timed out, or proved itself. */
  settleLobby(peerId: string, decision: LobbyDecision): void {
    this.lobby.decide(peerId, decision);
  }

  setLocked(locked: boolean, how = 'by the host'): void {
    const changed = this.settings.locked !== locked;
    this.settings.locked = locked;
    this.events.emit('changed');
    if (changed)
      this.events.emit('security', { kind: locked ? 'locked' : 'unlocked', detail: how });
  }

  /** Sets (or with null, removes) the meeting password; derives its verifier here. */
  async setPassword(password: string | null): Promise<void> {
    this.settings.password = password ? await makePasswordVerifier(password) : null;
    this.events.emit('changed');
  }

  async issueKey(request: AccessKeyRequest): Promise<AccessKey> {
    const key = await newAccessKey(request);
    this.settings.accessKeys.push(key);
    this.events.emit('changed');
    return key;
  }

  /** The key fails from its next knock on, and whoever came in with it must leave. */
  revokeKey(id: string): void {
    const key = this.settings.accessKeys.find((k) => k.id === id);
    if (!key || key.revoked) return;
    key.revoked = true;
    const removed = this.keyHolders.filter((h) => h.keyId === id).map((h) => h.peerId);
    for (const peerId of removed) this.holders.delete(peerId);
    this.events.emit('changed');
    this.events.emit('security', {
      kind: 'link-revoked',
      detail: `personal link "${key.label}" revoked (${removed.length} in the meeting with it)`,
    });
    if (removed.length > 0) this.events.emit('revoked', removed);
  }

  /** Records who came in with which key (for "in use by" and revocation). */
  noteAdmitted(peerId: string, name: string, key: AccessKey | null): void {
    if (key) this.holders.set(peerId, { peerId, name, keyId: key.id });
    this.events.emit('changed');
  }

  noteLeft(peerId: string): void {
    if (this.holders.delete(peerId)) this.events.emit('changed');
  }

  private async checkKey(
    attempt: KnockAttempt,
    credential: Extract<Credential, { kind: 'key' }>,
  ): Promise<KnockOutcome> {
    const key = this.settings.accessKeys.find((k) => k.hint === credential.hint);
    const valid =
      !!key &&
      (await verifyHmac(
        accessKeySecret(key.key),
        admitProofMessage(attempt.transcript),
        credential.proof,
      ));
    if (key && valid && accessKeyProblem(key, this.now()) === null) {
      if (key.usesLeft !== null) key.usesLeft -= 1;
      return { decision: 'admit', role: key.role, key };
    }
    return this.failed(attempt, 'key-refused', valid ? key.label : null);
  }

  private async checkPassword(attempt: KnockAttempt, proof: string): Promise<KnockOutcome> {
    const password = this.settings.password;
    if (this.guard.backoffRemainingMs() > 0) {
      return this.toLobby(attempt.peerId, 'slow-down', null);
    }
    const valid =
      !!password &&
      (await verifyHmac(
        fromBase64Url(password.derived),
        admitProofMessage(attempt.transcript),
        proof,
      ));
    if (valid) return { decision: 'admit', role: 'participant', key: null };
    return this.failed(attempt, password ? 'wrong-password' : 'waiting', null);
  }

  private failed(
    { peerId, name }: KnockAttempt,
    reason: WaitReason,
    keyLabel: string | null,
  ): KnockOutcome {
    const { refused, attemptsLeft, backoffMs } = this.guard.recordFailure(peerId);
    this.events.emit('security', {
      kind: 'proof-failed',
      peerId,
      name: normalizeDisplayName(name),
      detail: proofFailure(reason, keyLabel),
    });
    if (backoffMs !== null) this.events.emit('alert', { kind: 'guessing', backoffMs });
    if (refused) return deny('too-many-attempts');
    const outcome = this.toLobby(peerId, reason, keyLabel);
    return outcome.decision === 'lobby' ? { ...outcome, attemptsLeft } : outcome;
  }

  private toLobby(peerId: string, reason: WaitReason, keyLabel: string | null): KnockOutcome {
    if (this.settings.locked) return deny('locked');
    if (this.lobby.isFull && !this.lobby.has(peerId)) return deny('lobby-full');
    return { decision: 'lobby', reason, keyLabel };
  }
}

function proofFailure(reason: WaitReason, keyLabel: string | null): string {
  if (reason === 'wrong-password') return 'wrong password';
  if (reason === 'key-refused') {
    return keyLabel
      ? `personal link "${keyLabel}" refused (revoked, expired or used up)`
      : 'unknown personal link';
  }
  return 'a password for a meeting without one';
}

function deny(reason: DenyReason): KnockOutcome {
  return { decision: 'deny', reason };
}
