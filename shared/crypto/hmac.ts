import { fromBase64Url, toBase64Url, utf8 } from './encoding.ts';

const HMAC: HmacImportParams = { name: 'HMAC', hash: 'SHA-256' };

/** A text secret is keyed by its UTF-8 bytes; derived keys come as bytes. */
export type HmacSecret = string | Uint8Array<ArrayBuffer>;

function importHmacKey(secret: HmacSecret, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const raw = typeof secret === 'string' ? utf8(secret) : secret;
  return crypto.subtle.importKey('raw', raw, HMAC, false, [usage]);
}

/** HMAC-SHA-256 of `message` under `secret`, base64url. */
export async function hmac(secret: HmacSecret, message: string): Promise<string> {
  const key = await importHmacKey(secret, 'sign');
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(message))));
}

/** Constant-time check (WebCrypto's verify); false, never a throw, for a malformed tag. */
export async function verifyHmac(
  secret: HmacSecret,
  message: string,
  tag: string,
): Promise<boolean> {
  try {
    const key = await importHmacKey(secret, 'verify');
    return await crypto.subtle.verify('HMAC', key, fromBase64Url(tag), utf8(message));
  } catch {
    return false;
  }
}
