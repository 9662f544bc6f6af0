import { fromBase64Url, toBase64Url, utf8 } from './encoding.ts';

const HMAC: HmacImportParams = { name: 'HMAC', hash: 'SHA-256' };

/** A text secret is keyed by its UTF-8 bytes; derived keys come as bytes. */
export type HmacSecret = string | Uint8Array<ArrayBuffer>;

function importHmacKey(secret: HmacSecret, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const raw = typeof secret === 'string' ? utf8(secret) : secret;
  return crypto.subtle.importKey('raw', raw, HMAC, false, [usage]);
}

/**
 * A secret as a key that can only check tags: non-extractable, so kept (e.g. in IndexedDB as
 * the key object itself) it can verify proofs but never be read out or used to make one.
 */
export function hmacVerifyKey(secret: HmacSecret): Promise<CryptoKey> {
  return importHmacKey(secret, 'verify');
}

/** HMAC-SHA-256 of `message` under `secret`, base64url. */
export async function hmac(secret: HmacSecret, message: string): Promise<string> {
  const key = await importHmacKey(secret, 'sign');
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(message))));
}

/** Constant-time check (WebCrypto's verify); false, never a throw, for a malformed tag. */
export async function verifyHmac(
  secret: HmacSecret | CryptoKey,
  message: string,
  tag: string,
): Promise<boolean> {
  try {
    const key = secret instanceof CryptoKey ? secret : await hmacVerifyKey(secret);
    return await crypto.subtle.verify('HMAC', key, fromBase64Url(tag), utf8(message));
  } catch {
    return false;
  }
}
