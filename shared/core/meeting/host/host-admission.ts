import { randomNonce } from '../../../crypto/random.ts';
import { verifyHmac } from '../../../crypto/hmac.ts';
import { sign, type SigningKeyPair } from '../../../crypto/signing.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type { Credential, PasswordParams } from '../../protocol/schemas.ts';
import { admissionTranscript, knockProofMessage } from '../../protocol/transcript.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { HANDSHAKE_TIMEOUT_MS, nextMessage, waitForOpen, type Log } from '../link-messages.ts';

export interface HostAdmissionInput {
  link: DataLink;
  meetingId: string;
  selfPeerId: string;
  hostKey: SigningKeyPair;
  selfFingerprint: string;
  /** Set when the meeting has a password: the guest needs its salt to make a proof. */
  password?: PasswordParams;
  log: Log;
}

export interface Knock {
  peerId: string;
  name: string;
  /** The guest's DTLS fingerprint as the host saw it on the admission connection. */
  fingerprint: string;
  transcript: string;
  credential?: Credential;
}

/** A person may need this long to type the meeting password once asked for it. */
const PASSWORD_ENTRY_TIMEOUT_MS = 120_000;

/**
 * The host's side up to the knock, whose `proof` shows the guest holds the whole invite link
 * and whose optional credential (password or access key) the caller checks against the policy.
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
    encodeMessage('challenge', {
      nonce: hostNonce,
      hostKey: input.hostKey.publicKeySpki,
      sig,
      ...(input.password && { password: input.password }),
    }),
  );
  const knockTimeout = input.password ? PASSWORD_ENTRY_TIMEOUT_MS : HANDSHAKE_TIMEOUT_MS;
  const knock = await nextMessage(link, ['knock'], knockTimeout, log);
  if (!(await verifyHmac(input.meetingId, knockProofMessage(transcript), knock.proof))) {
    throw new ConclaveError(ErrorCode.ProtocolViolation, { detail: 'knock without the link' });
  }
  return {
    peerId: link.remotePeerId,
    name: hello.name,
    fingerprint: fingerprints.remote,
    transcript,
    ...(knock.credential && { credential: knock.credential }),
  };
}
