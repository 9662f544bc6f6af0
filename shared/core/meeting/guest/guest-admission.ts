import { hmac } from '../../../crypto/hmac.ts';
import { randomNonce } from '../../../crypto/random.ts';
import { importPinnedPublicKey, verify } from '../../../crypto/signing.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type { SignedRoster } from '../../protocol/schemas.ts';
import { admissionTranscript, knockProofMessage } from '../../protocol/transcript.ts';
import type { DataLink } from '../../signaling/transport.ts';
import type { Invite } from '../invite.ts';
import {
  HANDSHAKE_TIMEOUT_MS,
  LinkClosedError,
  LinkTimeoutError,
  nextMessage,
  type Log,
} from '../link-messages.ts';
import { findMember, verifyRoster } from '../roster.ts';

export interface GuestAdmissionInput {
  link: DataLink;
  invite: Invite;
  hostPeerId: string;
  selfPeerId: string;
  displayName: string;
  /** Our own session certificate's fingerprint: the link must be using it. */
  selfFingerprint: string;
  log: Log;
}

const DENIALS = {
  denied: ErrorCode.Denied,
  full: ErrorCode.MeetingFull,
  locked: ErrorCode.MeetingLocked,
} as const;

/** The host's side closed (or never answered) before its challenge: worth trying again. */
export class HandshakeCutShortError extends Error {}

export interface Admission {
  hostKey: CryptoKey;
  roster: SignedRoster;
}

/**
 * The guest's side of hello -> challenge -> knock -> admit. Throws a ConclaveError; sends
 * nothing after `hello` unless the host proved its key over this very DTLS connection.
 */
export async function runGuestAdmission(input: GuestAdmissionInput): Promise<Admission> {
  const { link, invite, log } = input;
  let challenged = false;
  try {
    const guestNonce = randomNonce();
    link.send(encodeMessage('hello', { nonce: guestNonce, name: input.displayName }));
    // Read this connection's fingerprints while the host works on its answer.
    const [challenge, fingerprints] = await Promise.all([
      nextMessage(link, ['challenge'], HANDSHAKE_TIMEOUT_MS, log),
      link.fingerprints(),
    ]);

    challenged = true;
    const hostKey = await importPinnedPublicKey(challenge.hostKey, invite.hostKeyDigest);
    if (!hostKey) throw new ConclaveError(ErrorCode.HostCheckFailed, { detail: 'key mismatch' });
    if (fingerprints.local !== input.selfFingerprint) {
      throw new ConclaveError(ErrorCode.Intercepted, { detail: 'own certificate not in use' });
    }
    const transcript = admissionTranscript({
      meetingId: invite.meetingId,
      hostPeerId: input.hostPeerId,
      guestPeerId: input.selfPeerId,
      hostFingerprint: fingerprints.remote,
      guestFingerprint: fingerprints.local,
      hostNonce: challenge.nonce,
      guestNonce,
    });
    if (!(await verify(hostKey, transcript, challenge.sig))) {
      throw new ConclaveError(ErrorCode.Intercepted, { detail: 'transcript signature' });
    }

    const proof = await hmac(invite.meetingId, knockProofMessage(transcript));
    link.send(encodeMessage('knock', { proof }));
    const answer = await nextMessage(link, ['admit', 'deny'], HANDSHAKE_TIMEOUT_MS, log);
    if (answer.t === 'deny') {
      throw new ConclaveError(DENIALS[answer.reason]);
    }

    const { roster } = answer;
    const self = findMember(roster.body, input.selfPeerId);
    const host = findMember(roster.body, input.hostPeerId);
    const rosterIsOurs =
      (await verifyRoster(hostKey, roster)) &&
      roster.body.meetingId === invite.meetingId &&
      self?.fingerprint === fingerprints.local &&
      host?.role === 'host' &&
      host.fingerprint === fingerprints.remote;
    if (!rosterIsOurs) throw new ConclaveError(ErrorCode.HostCheckFailed, { detail: 'roster' });

    return { hostKey, roster };
  } catch (error) {
    link.close();
    if (error instanceof ConclaveError) throw error;
    if (error instanceof LinkClosedError || error instanceof LinkTimeoutError) {
      if (!challenged) throw new HandshakeCutShortError(error.message);
      throw new ConclaveError(ErrorCode.ConnectionLost, { cause: error, detail: error.message });
    }
    throw error;
  }
}
