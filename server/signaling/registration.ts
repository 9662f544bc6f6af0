import {
  checkSignalingToken,
  PEER_ID_PATTERN,
  TOKEN_MAX_SKEW_MS,
  type TokenRefusal,
} from '../../shared/core/signaling/peer-identity.ts';

/** The key every PeerJS client sends unless told otherwise; we accept only that one. */
export const PEERJS_KEY = 'peerjs';

export type RegistrationCheck =
  { ok: true; id: string; tokenTime: number } | { ok: false; message: string };

/**
 * Checks the `key`, `id` and `token` of a signaling socket's URL: the id must be proven by a
 * token signed with the key it is bound to, for one of this server's public origins.
 */
export async function checkRegistration(
  query: URLSearchParams,
  publicOrigins: readonly string[],
  now: number,
): Promise<RegistrationCheck> {
  const id = query.get('id') ?? '';
  const token = query.get('token') ?? '';
  if (query.get('key') !== PEERJS_KEY) return { ok: false, message: 'Invalid key provided' };
  if (!PEER_ID_PATTERN.test(id)) {
    return { ok: false, message: 'Invalid id: expected "cv" and 32 hex digits bound to a key' };
  }
  const check = await checkSignalingToken(token, id, publicOrigins, now);
  if (!check.ok) return { ok: false, message: `Invalid token: ${explain(check.reason)}` };
  return { ok: true, id, tokenTime: check.time };
}

function explain(reason: TokenRefusal): string {
  switch (reason) {
    case 'malformed':
      return 'it is not a Conclave signaling token';
    case 'clock':
      return `this computer's clock is off by more than ${TOKEN_MAX_SKEW_MS / 60_000} minutes; set it right and try again`;
    case 'wrong-key':
      return 'it was made with a key that does not own this id';
    case 'bad-signature':
      return "its signature does not match this id and this server's address";
  }
}
