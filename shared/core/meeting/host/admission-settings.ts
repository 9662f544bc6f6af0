import { toBase64Url } from '../../../crypto/encoding.ts';
import { hmacVerifyKey } from '../../../crypto/hmac.ts';
import { derivePasswordKey, MIN_PASSWORD_ITERATIONS } from '../../../crypto/pbkdf2.ts';
import { randomBytes } from '../../../crypto/random.ts';
import {
  MAX_KEY_LABEL_LENGTH,
  type GuestRole,
  type PasswordParams,
} from '../../protocol/schemas.ts';
import { accessKeySecret, keyHint } from '../access-key.ts';

/**
 * The host keeps only what PBKDF2 derived from the password, never the password, and that only
 * as a key that checks proofs (non-extractable, verify only): it is stored as the key object.
 */
export interface PasswordVerifier extends PasswordParams {
  /** HMAC-SHA-256 key of the 32 derived bytes: checks a guest's proof. */
  verifier: CryptoKey;
}

export interface AccessKey {
  id: string;
  label: string;
  role: GuestRole;
  /**
   * 128 random bits, base64url: the `k` of the key's own invite link. Known only in the session
   * that issued it (to show the link); never stored, so null once the meeting is read back.
   */
  key: string | null;
  /** HMAC-SHA-256 key of the key's bytes (non-extractable, verify only): checks proofs. */
  verifier: CryptoKey;
  /** First 8 bytes of SHA-256(key), base64url: how a knock names its key. */
  hint: string;
  /** Epoch ms after which the key no longer admits; null for never. */
  expiresAt: number | null;
  /** Admissions the key still allows; null for no limit. */
  usesLeft: number | null;
  revoked: boolean;
}

/** A key just issued, in the session that made it: its link is known. */
export type IssuedAccessKey = AccessKey & { key: string };

/** Someone in the meeting who came in with an access key. */
export interface KeyHolder {
  peerId: string;
  name: string;
  keyId: string;
}

/** Who gets in at once: kept in the host's meeting descriptor (`settings.admission`). */
export interface AdmissionSettings {
  password: PasswordVerifier | null;
  accessKeys: AccessKey[];
  /** Knocks without a valid key or password are refused. */
  locked: boolean;
  /**
   * Who is in with which key. Kept with the keys so that revoking one after the host's page
   * restarts still removes whoever came in with it (they come back without showing it again).
   */
  keyHolders: KeyHolder[];
}

export interface HostSettings {
  admission: AdmissionSettings;
}

/** Everyone with the link waits in the lobby: the default. */
export function defaultHostSettings(): HostSettings {
  return { admission: { password: null, accessKeys: [], locked: false, keyHolders: [] } };
}

/** A new meeting's settings; with a password, whoever types it comes in at once. */
export async function hostSettings(password: string): Promise<HostSettings> {
  const settings = defaultHostSettings();
  if (password) settings.admission.password = await makePasswordVerifier(password);
  return settings;
}

export async function makePasswordVerifier(
  password: string,
  iterations = MIN_PASSWORD_ITERATIONS,
): Promise<PasswordVerifier> {
  const salt = randomBytes(16);
  const derived = await derivePasswordKey(password, salt, iterations);
  return { salt: toBase64Url(salt), iterations, verifier: await hmacVerifyKey(derived) };
}

export function passwordParams({ salt, iterations }: PasswordVerifier): PasswordParams {
  return { salt, iterations };
}

export interface AccessKeyRequest {
  label: string;
  role: GuestRole;
  expiresAt?: number | null;
  maxUses?: number | null;
}

export async function newAccessKey(request: AccessKeyRequest): Promise<IssuedAccessKey> {
  const key = toBase64Url(randomBytes(16));
  return {
    id: toBase64Url(randomBytes(9)),
    label: request.label.trim().slice(0, MAX_KEY_LABEL_LENGTH) || 'Guest',
    role: request.role,
    key,
    verifier: await hmacVerifyKey(accessKeySecret(key)),
    hint: await keyHint(key),
    expiresAt: request.expiresAt ?? null,
    usesLeft: request.maxUses ?? null,
    revoked: false,
  };
}

/** Why a key does not admit now, or null when it does. */
export function accessKeyProblem(
  key: AccessKey,
  now: number,
): 'revoked' | 'expired' | 'used-up' | null {
  if (key.revoked) return 'revoked';
  if (key.expiresAt !== null && now >= key.expiresAt) return 'expired';
  if (key.usesLeft !== null && key.usesLeft <= 0) return 'used-up';
  return null;
}

/**
 * The settings as the meeting store keeps them: a copy taken now, without any link's `k` (the
 * verifiers check proofs; the links themselves were handed out when issued).
 */
export function storableAdmission(settings: AdmissionSettings): AdmissionSettings {
  return {
    password: settings.password && { ...settings.password },
    accessKeys: settings.accessKeys.map((k) => ({ ...k, key: null })),
    locked: settings.locked,
    keyHolders: settings.keyHolders.map((h) => ({ ...h })),
  };
}

/**
 * Settings as read from storage: whatever is not a well-formed verifier or key is left out
 * (a key without its verifier could never admit anyone anyway).
 */
export function readStoredAdmission(stored: unknown): AdmissionSettings {
  const settings = defaultHostSettings().admission;
  if (typeof stored !== 'object' || stored === null) return settings;
  const record = stored as Partial<Record<keyof AdmissionSettings, unknown>>;
  if (isPasswordVerifier(record.password)) settings.password = record.password;
  if (Array.isArray(record.accessKeys)) {
    settings.accessKeys = record.accessKeys.filter(isAccessKey).map((k) => ({ ...k, key: null }));
  }
  settings.locked = record.locked === true;
  if (Array.isArray(record.keyHolders)) settings.keyHolders = record.keyHolders.filter(isKeyHolder);
  return settings;
}

function isPasswordVerifier(value: unknown): value is PasswordVerifier {
  const v = value as Partial<PasswordVerifier> | null;
  return (
    typeof v?.salt === 'string' &&
    typeof v.iterations === 'number' &&
    v.iterations > 0 &&
    v.verifier instanceof CryptoKey
  );
}

function isAccessKey(value: unknown): value is AccessKey {
  const k = value as Partial<AccessKey> | null;
  return (
    typeof k?.id === 'string' &&
    typeof k.label === 'string' &&
    (k.role === 'participant' || k.role === 'viewer') &&
    typeof k.hint === 'string' &&
    k.verifier instanceof CryptoKey &&
    (k.expiresAt === null || typeof k.expiresAt === 'number') &&
    (k.usesLeft === null || typeof k.usesLeft === 'number') &&
    typeof k.revoked === 'boolean'
  );
}

function isKeyHolder(value: unknown): value is KeyHolder {
  const h = value as Partial<KeyHolder> | null;
  return typeof h?.peerId === 'string' && typeof h.name === 'string' && typeof h.keyId === 'string';
}
