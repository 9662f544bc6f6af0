import { fromBase64Url, toHex } from '../../crypto/encoding.ts';
import {
  importPublicKey,
  sha256Base64Url,
  sign,
  verify,
  type SigningKeyPair,
} from '../../crypto/signing.ts';

/**
 * Peer ids nobody can squat. A peer id is bound to an ECDSA P-256 key: `cv` + the first 128
 * bits of SHA-256(SPKI), in hex. To register an id, a client sends the PeerJS `token`
 * `<ms since epoch>.<SPKI base64url>.<signature>`, the signature covering the id, the
 * signaling server's origin and the time. Our server checks it without any per-meeting state;
 * a stock PeerServer takes it as an opaque token.
 *
 * The host's id follows from the `h` of the invite link (the digest of the host key), so a
 * guest knows where to knock and only the host can hold that id.
 */
export const PEER_ID_PATTERN = /^cv[0-9a-f]{32}$/;
/** How far a token's time may be from the server's clock. */
export const TOKEN_MAX_SKEW_MS = 10 * 60_000;
const TOKEN_PATTERN = /^(\d{1,15})\.([A-Za-z0-9_-]{80,200})\.([A-Za-z0-9_-]{86})$/;

/** The peer id bound to a key, from the base64url SHA-256 of its SPKI. */
export function peerIdFromKeyDigest(digest: string): string {
  return `cv${toHex(fromBase64Url(digest).subarray(0, 16))}`;
}

function tokenMessage(peerId: string, serverOrigin: string, time: number): string {
  return `conclave-signal/v1|${peerId}|${serverOrigin}|${time}`;
}

/** A fresh token for registering `keyPair`'s peer id with the server at `serverOrigin`. */
export async function signalingToken(
  keyPair: SigningKeyPair,
  serverOrigin: string,
  now: number,
): Promise<string> {
  const peerId = peerIdFromKeyDigest(keyPair.digest);
  const time = Math.floor(now);
  const sig = await sign(keyPair.privateKey, tokenMessage(peerId, serverOrigin, time));
  return `${time}.${keyPair.publicKeySpki}.${sig}`;
}

export type TokenCheck = { ok: true; time: number } | { ok: false; reason: TokenRefusal };
export type TokenRefusal = 'malformed' | 'clock' | 'wrong-key' | 'bad-signature';

/**
 * Checks that `token` proves the key bound to `peerId`, for one of this server's origins,
 * made within TOKEN_MAX_SKEW_MS of `now`. Never throws.
 */
export async function checkSignalingToken(
  token: string,
  peerId: string,
  serverOrigins: readonly string[],
  now: number,
): Promise<TokenCheck> {
  const parts = TOKEN_PATTERN.exec(token);
  if (!parts || !PEER_ID_PATTERN.test(peerId)) return { ok: false, reason: 'malformed' };
  const time = Number(parts[1]);
  if (Math.abs(now - time) > TOKEN_MAX_SKEW_MS) return { ok: false, reason: 'clock' };
  let spki: Uint8Array<ArrayBuffer>;
  try {
    spki = fromBase64Url(parts[2]!);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (peerIdFromKeyDigest(await sha256Base64Url(spki)) !== peerId) {
    return { ok: false, reason: 'wrong-key' };
  }
  const key = await importPublicKey(spki);
  if (!key) return { ok: false, reason: 'malformed' };
  for (const origin of serverOrigins) {
    if (await verify(key, tokenMessage(peerId, origin, time), parts[3]!)) return { ok: true, time };
  }
  return { ok: false, reason: 'bad-signature' };
}
