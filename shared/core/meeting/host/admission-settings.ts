import { toBase64Url } from '../../../crypto/encoding.ts';
import { derivePasswordKey, MIN_PASSWORD_ITERATIONS } from '../../../crypto/pbkdf2.ts';
import { randomBytes } from '../../../crypto/random.ts';
import {
  MAX_KEY_LABEL_LENGTH,
  type GuestRole,
  type PasswordParams,
} from '../../protocol/schemas.ts';
import { keyHint } from '../access-key.ts';

/** The host keeps only what PBKDF2 derived from the password, never the password. */
export interface PasswordVerifier extends PasswordParams {
  /** base64url of the 32 derived bytes: the HMAC key of a guest's proof. */
  derived: string;
}

export interface AccessKey {
  id: string;
  label: string;
  role: GuestRole;
  /** 128 random bits, base64url: the `k` of the key's own invite link. */
  key: string;
  /** First 8 bytes of SHA-256(key), base64url: how a knock names its key. */
  hint: string;
  /** Epoch ms after which the key no longer admits; null for never. */
  expiresAt: number | null;
  /** Admissions the key still allows; null for no limit. */
  usesLeft: number | null;
  revoked: boolean;
}

/** Who gets in at once: kept in the host's meeting descriptor (`settings.admission`). */
export interface AdmissionSettings {
  password: PasswordVerifier | null;
  accessKeys: AccessKey[];
  /** Knocks without a valid key or password are refused. */
  locked: boolean;
}

export interface HostSettings {
  admission: AdmissionSettings;
}

/** Everyone with the link waits in the lobby: the default. */
export function defaultHostSettings(): HostSettings {
  return { admission: { password: null, accessKeys: [], locked: false } };
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
  return { salt: toBase64Url(salt), iterations, derived: toBase64Url(derived) };
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

export { MAX_KEY_LABEL_LENGTH };

export async function newAccessKey(request: AccessKeyRequest): Promise<AccessKey> {
  const key = toBase64Url(randomBytes(16));
  return {
    id: toBase64Url(randomBytes(9)),
    label: request.label.trim().slice(0, MAX_KEY_LABEL_LENGTH) || 'Guest',
    role: request.role,
    key,
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
