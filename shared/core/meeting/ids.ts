import { randomId128 } from '../../crypto/random.ts';
import { peerIdFromKeyDigest } from '../signaling/peer-identity.ts';

export function newMeetingId(): string {
  return randomId128();
}

/**
 * The host's peer id follows from the host key's digest in the invite link: guests know where
 * to knock, and only the holder of the host key can register it on our server. It says nothing
 * of the meeting id, so the signaling server never learns it.
 */
export function hostPeerId(hostKeyDigest: string): string {
  return peerIdFromKeyDigest(hostKeyDigest);
}
