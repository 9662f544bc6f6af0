import { peerIdFromKeyDigest, signalingToken } from '../../shared/core/signaling/peer-identity.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../shared/crypto/signing.ts';

/** A signaling identity: a key, its bound peer id, and tokens it can make. */
export interface TestIdentity {
  id: string;
  key: SigningKeyPair;
  token(origin: string, time: number): Promise<string>;
}

export async function newIdentity(): Promise<TestIdentity> {
  const key = await generateSigningKeyPair();
  return {
    id: peerIdFromKeyDigest(key.digest),
    key,
    token: (origin, time) => signalingToken(key, origin, time),
  };
}
