import { fromBase64Url, utf8 } from '../../crypto/encoding.ts';
import { sha256Base64Url } from '../../crypto/signing.ts';

/** First 8 bytes of SHA-256(key), base64url: names the key in a knock without revealing it. */
export async function keyHint(key: string): Promise<string> {
  return (await sha256Base64Url(utf8(key))).slice(0, 11);
}

/** The HMAC key of an access key's proof: its 16 random bytes. */
export function accessKeySecret(key: string): Uint8Array<ArrayBuffer> {
  return fromBase64Url(key);
}
