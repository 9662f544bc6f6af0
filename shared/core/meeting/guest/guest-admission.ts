import { hmac } from '../../../crypto/hmac.ts';
import { randomNonce } from '../../../crypto/random.ts';
import { importPinnedPublicKey, verify } from '../../../crypto/signing.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type {
  Credential,
  DenyReason,
  MessageOf,
  PasswordParams,
  SignedRoster,
} from '../../protocol/schemas.ts';
import { admissionTranscript, knockProofMessage } from '../../protocol/transcript.ts';
import type { DataLink } from '../../signaling/transport.ts';
import type { Invite } from '../invite.ts';
import {
  EarlyMessages,
  HANDSHAKE_TIMEOUT_MS,
  LinkClosedError,
  LinkTimeoutError,
  nextMessage,
  type Log,
} from '../link-messages.ts';
import { normalizeMeetingTitle } from '../display-name.ts';
import { findMember, verifyRoster } from '../roster.ts';
import { keyCredential, passwordCredential } from './admission-credential.ts';
import { waitForDecision, type GuestLobbyHooks, type LobbyStatus } from './lobby-wait.ts';

export interface GuestAdmissionInput {
  link: DataLink;
  invite: Invite;
  hostPeerId: string;
  selfPeerId: string;
  displayName: string;
  /** Our own session certificate's fingerprint: the link must be using it. */
  selfFingerprint: string;
  lobby: GuestLobbyHooks;
  log: Log;
}

/**
 * Knocks with the access key from the link, or the password the person types when the meeting
 * has one (or none: then the knock waits in the lobby), and waits for the host's answer. In the
 * lobby, a wrong password may be typed again on the same connection.
 */
async function knockAndWait(
  input: GuestAdmissionInput,
  transcript: string,
  password: PasswordParams | undefined,
): Promise<MessageOf<'admit' | 'deny'>> {
  const { link, invite, lobby, log } = input;
  const proof = await hmac(invite.meetingId, knockProofMessage(transcript));
  const knock = (credential?: Credential) =>
    link.send(encodeMessage('knock', { proof, ...(credential && { credential }) }));
  const canTryPassword = !!password && !invite.accessKey;
  const passwordKnock = async (status: LobbyStatus) => {
    const typed = await lobby.askPassword(status);
    return typed && password ? passwordCredential(typed, password, transcript) : undefined;
  };

  if (invite.accessKey) knock(await keyCredential(invite.accessKey, transcript));
  else if (password) {
    knock(await passwordKnock({ reason: 'password-needed', attemptsLeft: null, canTryPassword }));
  } else knock();

  let asking = false;
  return waitForDecision(link, HANDSHAKE_TIMEOUT_MS, log, ({ reason, attemptsLeft }) => {
    const status = { reason, attemptsLeft: attemptsLeft ?? null, canTryPassword };
    lobby.waiting(status);
    if (!canTryPassword || asking || attemptsLeft === 0) return;
    asking = true;
    void passwordKnock(status).then((credential) => {
      asking = false;
      if (credential && link.isOpen) knock(credential);
    });
  });
}

const DENIALS: Record<DenyReason, ErrorCode> = {
  denied: ErrorCode.Denied,
  full: ErrorCode.MeetingFull,
  locked: ErrorCode.MeetingLocked,
  'lobby-full': ErrorCode.LobbyFull,
  'too-many-attempts': ErrorCode.TooManyAttempts,
  timeout: ErrorCode.LobbyTimeout,
  'key-revoked': ErrorCode.KeyRevoked,
};

export function denial(reason: DenyReason): ConclaveError {
  return new ConclaveError(DENIALS[reason]);
}

/** The host's side closed (or never answered) before its challenge: worth trying again. */
export class HandshakeCutShortError extends Error {}

export interface Admission {
  hostKey: CryptoKey;
  roster: SignedRoster;
  /** The meeting's title, when the host gave one. */
  title: string | null;
  /** What the host sent after its admit (a newer roster, its camera state) while we checked it. */
  early: EarlyMessages;
}

/**
 * The guest's side of hello -> challenge -> knock -> admit. Throws a ConclaveError; sends
 * nothing after `hello` unless the host proved its key over this very DTLS connection.
 */
export async function runGuestAdmission(input: GuestAdmissionInput): Promise<Admission> {
  const { link, invite, log } = input;
  let challenged = false;
  let early: EarlyMessages | undefined;
  try {
    const guestNonce = randomNonce();
    link.send(encodeMessage('hello', { nonce: guestNonce, name: input.displayName }));
    // Read this connection's fingerprints while the host works on its answer.
    const [challenge, fingerprints] = await Promise.all([
      nextMessage(link, ['challenge', 'deny'], HANDSHAKE_TIMEOUT_MS, log),
      link.fingerprints(),
    ]);
    if (challenge.t === 'deny') throw denial(challenge.reason);

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

    const answer = await knockAndWait(input, transcript, challenge.password);
    if (answer.t === 'deny') throw denial(answer.reason);

    const { roster, title } = answer;
    early = new EarlyMessages(link);
    const self = findMember(roster.body, input.selfPeerId);
    const host = findMember(roster.body, input.hostPeerId);
    const rosterIsOurs =
      (await verifyRoster(hostKey, roster)) &&
      roster.body.meetingId === invite.meetingId &&
      self?.fingerprint === fingerprints.local &&
      host?.role === 'host' &&
      host.fingerprint === fingerprints.remote;
    if (!rosterIsOurs) throw new ConclaveError(ErrorCode.HostCheckFailed, { detail: 'roster' });

    return { hostKey, roster, title: title ? normalizeMeetingTitle(title) : null, early };
  } catch (error) {
    early?.release();
    link.close();
    if (error instanceof ConclaveError) throw error;
    if (error instanceof LinkClosedError || error instanceof LinkTimeoutError) {
      if (!challenged) throw new HandshakeCutShortError(error.message);
      throw new ConclaveError(ErrorCode.ConnectionLost, { cause: error, detail: error.message });
    }
    throw error;
  }
}
