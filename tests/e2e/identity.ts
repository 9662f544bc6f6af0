import { generateSigningKeyPair } from '../../shared/crypto/signing.ts';
import { parseInvite } from '../../shared/core/meeting/invite.ts';
import { hostPeerId } from '../../shared/core/meeting/ids.ts';
import { peerIdFromKeyDigest, signalingToken } from '../../shared/core/signaling/peer-identity.ts';

/** A fresh key-bound peer id and its token for one server, as a (hostile) client would make. */
export async function registrationFor(serverUrl: string) {
  const key = await generateSigningKeyPair();
  const url = new URL(serverUrl);
  return {
    id: peerIdFromKeyDigest(key.digest),
    token: await signalingToken(key, url.origin, Date.now()),
    address: { host: url.hostname, port: Number(url.port) },
  };
}

/** The host's peer id, as anyone holding the invite link can work it out. */
export function hostPeerIdOf(invite: string): string {
  const parsed = parseInvite(invite);
  if (!parsed) throw new Error(`not an invite: ${invite}`);
  return hostPeerId(parsed.hostKeyDigest);
}
