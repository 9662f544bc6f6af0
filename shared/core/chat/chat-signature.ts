import { fromBase64Url } from '../../crypto/encoding.ts';
import { importPublicKey, sha256Base64Url, sign, verify } from '../../crypto/signing.ts';
import type { SigningKeyPair } from '../../crypto/signing.ts';
import type { ChatEnvelope } from '../protocol/schemas.ts';
import { peerIdFromKeyDigest } from '../signaling/peer-identity.ts';

export type UnsignedChat = Omit<ChatEnvelope, 'spki' | 'sig'>;

function signedText(meetingId: string, m: UnsignedChat): string {
  // The text goes last, so nothing it contains can shift the fields before it.
  return `conclave-chat/v1|${meetingId}|${m.id}|${m.from}|${m.to ?? ''}|${m.clock}|${m.at}|${m.text}`;
}

/** Signs a message with the sender's session key, the one its peer id is bound to. */
export async function signChat(
  meetingId: string,
  key: SigningKeyPair,
  message: UnsignedChat,
): Promise<ChatEnvelope> {
  const sig = await sign(key.privateKey, signedText(meetingId, message));
  return { ...message, spki: key.publicKeySpki, sig };
}

/** True when `from` is the key's peer id and the key signed exactly this message here. */
export async function verifyChat(meetingId: string, envelope: ChatEnvelope): Promise<boolean> {
  try {
    const spki = fromBase64Url(envelope.spki);
    if (peerIdFromKeyDigest(await sha256Base64Url(spki)) !== envelope.from) return false;
    const key = await importPublicKey(spki);
    return !!key && (await verify(key, signedText(meetingId, envelope), envelope.sig));
  } catch {
    return false;
  }
}
