import { toBase64Url } from '../../../crypto/encoding.ts';
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
import { normalizeDisplayName } from '../display-name.ts';
import { AdmissionGuard, type Clock } from './admission-guard.ts';
import {
  accessKeyProblem,
  makePasswordVerifier,
  newAccessKey,
  passwordParams,
  storableAdmission,
  type AccessKey,
  type AccessKeyRequest,
  type AdmissionSettings,
  type IssuedAccessKey,
  type KeyHolder,
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

/** Keeps a copy of the settings (the host's meeting store); resolves once kept. */
export type SaveAdmission = (settings: AdmissionSettings) => Promise<void>;

/**
 * The host's admission policy and its controls: checks each knock's proof, keeps the lobby and
 * the access keys, and guards against guessing and floods. The transport lives in HostRoom.
 * Every change of the settings (password, keys, uses, revocations, lock) is saved, in order.
 */
export class AdmissionDesk {
  readonly events = new Emitter<AdmissionDeskEvents>();
  private readonly guard: AdmissionGuard;
  private readonly lobby = new LobbyQueue(() => this.events.emit('changed'));
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: AdmissionSettings,
    private readonly now: Clock = Date.now,
    private readonly saveSettings: SaveAdmission | null = null,
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

  get keyHolders(): readonly KeyHolder[] {
    return this.settings.keyHolders;
  }

  /** The PBKDF2 salt and rounds a guest needs, sent in the challenge. */
  passwordParams(): PasswordParams | undefined {
    const { password } = this.settings;
    return password ? passwordParams(password) : undefined;
  }

  /** The one decision for a knock: admit now, wait in the lobby, or deny. */
  async evaluate(attempt: KnockAttempt): Promise<KnockOutcome> {
    if (this.guard.recordKnock() && !this.settings.locked) {
      void this.setLocked(true, 'automatically after a flood of knocks');
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

  /** Takes effect (and is shown) at once; resolves once kept. `how` is for the security log. */
  setLocked(locked: boolean, how = 'by the host'): Promise<void> {
    const changed = this.settings.locked !== locked;
    this.settings.locked = locked;
    const saved = this.save();
    this.events.emit('changed');
    if (changed) {
      this.events.emit('security', { kind: locked ? 'locked' : 'unlocked', detail: how });
    }
    return saved;
  }

  /** Sets (or with null, removes) the meeting password; derives its verifier here. */
  async setPassword(password: string | null): Promise<void> {
    this.settings.password = password ? await makePasswordVerifier(password) : null;
    await this.saveAndShow();
  }

  /** Shown (and resolves) once kept: a link handed out still admits after a reload. */
  async issueKey(request: AccessKeyRequest): Promise<IssuedAccessKey> {
    const key = await newAccessKey(request);
    this.settings.accessKeys.push(key);
    await this.saveAndShow();
    return key;
  }

  /** The key fails from its next knock on, and whoever came in with it must leave. */
  revokeKey(id: string): Promise<void> {
    const key = this.settings.accessKeys.find((k) => k.id === id);
    if (!key || key.revoked) return this.saving;
    key.revoked = true;
    const removed = this.keyHolders.filter((h) => h.keyId === id).map((h) => h.peerId);
    this.settings.keyHolders = this.keyHolders.filter((h) => h.keyId !== id);
    this.events.emit('security', {
      kind: 'link-revoked',
      detail: `personal link "${key.label}" revoked (${removed.length} in the meeting with it)`,
    });
    if (removed.length > 0) this.events.emit('revoked', removed);
    // Shown as revoked once that is kept: a reload right after cannot bring the key back.
    return this.saveAndShow();
  }

  /** Records who came in with which key (for "in use by" and revocation). */
  noteAdmitted(peerId: string, name: string, key: AccessKey | null): void {
    // Someone back after the host's page restarted shows no key: theirs stays on record.
    if (key) {
      this.settings.keyHolders = [
        ...this.keyHolders.filter((h) => h.peerId !== peerId),
        { peerId, name, keyId: key.id },
      ];
      void this.save();
    }
    this.events.emit('changed');
  }

  /** After the host's page restarts: the holders not on the resumed roster are gone. */
  keepHoldersAmong(peerIds: readonly string[]): void {
    const kept = this.keyHolders.filter((h) => peerIds.includes(h.peerId));
    if (kept.length === this.keyHolders.length) return;
    this.settings.keyHolders = kept;
    void this.save();
  }

  noteLeft(peerId: string): void {
    if (!this.keyHolders.some((h) => h.peerId === peerId)) return;
    this.settings.keyHolders = this.keyHolders.filter((h) => h.peerId !== peerId);
    void this.save();
    this.events.emit('changed');
  }

  private async checkKey(
    attempt: KnockAttempt,
    credential: Extract<Credential, { kind: 'key' }>,
  ): Promise<KnockOutcome> {
    const key = this.settings.accessKeys.find((k) => k.hint === credential.hint);
    const valid =
      !!key &&
      (await verifyHmac(key.verifier, admitProofMessage(attempt.transcript), credential.proof));
    if (key && valid && accessKeyProblem(key, this.now()) === null) {
      if (key.usesLeft !== null) {
        key.usesLeft -= 1;
        // Counted for good before anyone is let in: a reload never gives a use back.
        await this.save();
      }
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
      (await verifyHmac(password.verifier, admitProofMessage(attempt.transcript), proof));
    if (valid) return { decision: 'admit', role: 'participant', key: null };
    return this.failed(attempt, password ? 'wrong-password' : 'waiting', null);
  }

  private async saveAndShow(): Promise<void> {
    await this.save();
    this.events.emit('changed');
  }

  /** Saves the settings as they are now, after every save asked for before. */
  private save(): Promise<void> {
    const { saveSettings } = this;
    if (!saveSettings) return this.saving;
    const snapshot = storableAdmission(this.settings);
    this.saving = this.saving.then(() => saveSettings(snapshot));
    return this.saving;
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
