import { randomNonce } from '../../../crypto/random.ts';
import { verifyHmac } from '../../../crypto/hmac.ts';
import { sign, type SigningKeyPair } from '../../../crypto/signing.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import { admissionTranscript, knockProofMessage } from '../../protocol/transcript.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { HANDSHAKE_TIMEOUT_MS, nextMessage, waitForOpen, type Log } from '../link-messages.ts';

export interface HostAdmissionInput {
  link: DataLink;
  meetingId: string;
  selfPeerId: string;
  hostKey: SigningKeyPair;
  selfFingerprint: string;
  log: Log;
}

export interface Knock {
  peerId: string;
  name: string;
  /** The guest's DTLS fingerprint as the host saw it on the admission connection. */
  fingerprint: string;
}

/**
 * The host's side up to the knock, whose proof shows the guest holds the whole invite link.
 * The caller decides to admit or deny.
 */
export async function runHostAdmission(input: HostAdmissionInput): Promise<Knock> {
  const { link, log } = input;
  await waitForOpen(link, HANDSHAKE_TIMEOUT_MS);
  // Read this connection's fingerprints while the guest's hello is on its way.
  const [hello, fingerprints] = await Promise.all([
    nextMessage(link, ['hello'], HANDSHAKE_TIMEOUT_MS, log),
    link.fingerprints(),
  ]);
  if (fingerprints.local !== input.selfFingerprint) {
    throw new ConclaveError(ErrorCode.Intercepted, { detail: 'own certificate not in use' });
  }
  const hostNonce = randomNonce();
  const transcript = admissionTranscript({
    meetingId: input.meetingId,
    hostPeerId: input.selfPeerId,
    guestPeerId: link.remotePeerId,
    hostFingerprint: fingerprints.local,
    guestFingerprint: fingerprints.remote,
    hostNonce,
    guestNonce: hello.nonce,
  });
  const sig = await sign(input.hostKey.privateKey, transcript);
  link.send(
    encodeMessage('challenge', { nonce: hostNonce, hostKey: input.hostKey.publicKeySpki, sig }),
  );
  const knock = await nextMessage(link, ['knock'], HANDSHAKE_TIMEOUT_MS, log);
  if (!(await verifyHmac(input.meetingId, knockProofMessage(transcript), knock.proof))) {
    throw new ConclaveError(ErrorCode.ProtocolViolation, { detail: 'knock without the link' });
  }
  return { peerId: link.remotePeerId, name: hello.name, fingerprint: fingerprints.remote };
}
