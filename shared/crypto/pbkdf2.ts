import { utf8 } from './encoding.ts';

/** The fewest PBKDF2 rounds a meeting password may use (OWASP 2023 for HMAC-SHA-256). */
export const MIN_PASSWORD_ITERATIONS = 600_000;

/** PBKDF2-HMAC-SHA-256 of a password: 32 bytes. */
export async function derivePasswordKey(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey(
    'raw',
    utf8(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    256,
  );
  return new Uint8Array(bits);
}
