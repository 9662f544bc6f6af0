import { toBase64Url, toHex } from './encoding.ts';

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** 128 random bits as 32 hex characters: safe in PeerJS ids and URLs. */
export function randomId128(): string {
  return toHex(randomBytes(16));
}

export function randomNonce(): string {
  return toBase64Url(randomBytes(32));
}
