import { fromBase64Url, toBase64Url, utf8 } from './encoding.ts';

const ALGORITHM: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_PARAMS: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** An ECDSA P-256 key pair: the host's meeting key, or a participant's signaling identity. */
export interface SigningKeyPair {
  /** Non-extractable: it can sign but never leave this device. */
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** base64url SPKI of the public key, as sent in `challenge`. */
  readonly publicKeySpki: string;
  /** base64url SHA-256 of the SPKI (for the host's key: the `h` of the invite link). */
  readonly digest: string;
}

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  return describeKeyPair(pair);
}

async function describeKeyPair(pair: CryptoKeyPair): Promise<SigningKeyPair> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicKeySpki: toBase64Url(spki),
    digest: await sha256Base64Url(spki),
  };
}

export async function sha256Base64Url(data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
}

export async function sign(privateKey: CryptoKey, message: string): Promise<string> {
  const signature = await crypto.subtle.sign(SIGN_PARAMS, privateKey, utf8(message));
  return toBase64Url(new Uint8Array(signature));
}

/** False (never a throw) for a malformed key or signature. */
export async function verify(
  publicKey: CryptoKey,
  message: string,
  signature: string,
): Promise<boolean> {
  try {
    return await crypto.subtle.verify(
      SIGN_PARAMS,
      publicKey,
      fromBase64Url(signature),
      utf8(message),
    );
  } catch {
    return false;
  }
}

/** Imports an SPKI public key for verifying; null when it does not parse. */
export async function importPublicKey(spki: Uint8Array<ArrayBuffer>): Promise<CryptoKey | null> {
  try {
    return await crypto.subtle.importKey('spki', spki, ALGORITHM, true, ['verify']);
  } catch {
    return null;
  }
}

/**
 * Imports a host public key only if its SHA-256 equals the digest from the invite link.
 * Returns null when the key does not match or does not parse.
 */
export async function importPinnedPublicKey(
  spkiBase64Url: string,
  expectedDigest: string,
): Promise<CryptoKey | null> {
  try {
    const spki = fromBase64Url(spkiBase64Url);
    if ((await sha256Base64Url(spki)) !== expectedDigest) return null;
    return await importPublicKey(spki);
  } catch {
    return null;
  }
}
