// A hand-driven guest for attack tests: speaks the admission protocol one message at a time and
// keeps every message it receives, so a test can see exactly what a stranger learns.
import { hmac } from '../../crypto/hmac.ts';
import { randomNonce } from '../../crypto/random.ts';
import type { Invite } from '../meeting/invite.ts';
import { hostPeerId } from '../meeting/ids.ts';
import { decodeMessage, encodeMessage } from '../protocol/codec.ts';
import type { Credential, MessageOf, WireMessage } from '../protocol/schemas.ts';
import { admissionTranscript, knockProofMessage } from '../protocol/transcript.ts';
import type { MemoryNetwork } from './memory-transport.ts';
import { fakeFingerprint } from './fixtures.ts';

export interface RawGuest {
  peerId: string;
  /** Every text the host sent, raw, in order. */
  received: string[];
  messages(): WireMessage[];
  challenge: MessageOf<'challenge'>;
  transcript: string;
  knock(credential?: Credential): void;
  /** Resolves with the next message of one of these types. */
  next(types: WireMessage['t'][]): Promise<WireMessage>;
  close(): void;
}

/** Says hello, takes the challenge, and stops before knocking. */
export async function rawGuest(
  network: MemoryNetwork,
  invite: Invite,
  peerId: string,
  name = 'Stranger',
): Promise<RawGuest> {
  const transport = network.transport(peerId, fakeFingerprint());
  await transport.open();
  const host = hostPeerId(invite.hostKeyDigest);
  const link = transport.connect(host);
  const received: string[] = [];
  const waiters: (() => void)[] = [];
  let closed = false;
  link.events.on('close', () => {
    closed = true;
    for (const wake of waiters.splice(0)) wake();
  });
  link.events.on('message', (raw) => {
    received.push(String(raw));
    for (const wake of waiters.splice(0)) wake();
  });
  const messages = () =>
    received.flatMap((raw) => {
      const decoded = decodeMessage(raw);
      return decoded.ok ? [decoded.message] : [];
    });
  const next = (types: WireMessage['t'][], after = 0): Promise<WireMessage> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages()
          .slice(after)
          .find((m) => types.includes(m.t));
        if (found) return resolve(found);
        if (closed) return reject(new Error(`closed before ${types.join('/')}`));
        waiters.push(check);
      };
      check();
    });
  await new Promise<void>((resolve) => link.events.once('open', () => resolve()));
  const guestNonce = randomNonce();
  link.send(encodeMessage('hello', { nonce: guestNonce, name }));
  const challenge = (await next(['challenge'])) as MessageOf<'challenge'>;
  const fingerprints = await link.fingerprints();
  const transcript = admissionTranscript({
    meetingId: invite.meetingId,
    hostPeerId: host,
    guestPeerId: peerId,
    hostFingerprint: fingerprints.remote,
    guestFingerprint: fingerprints.local,
    hostNonce: challenge.nonce,
    guestNonce,
  });
  const proof = await hmac(invite.meetingId, knockProofMessage(transcript));
  let seen = messages().length;
  return {
    peerId,
    received,
    messages,
    challenge,
    transcript,
    knock: (credential) => {
      seen = messages().length;
      link.send(encodeMessage('knock', { proof, ...(credential && { credential }) }));
    },
    next: (types) => next(types, seen),
    close: () => transport.destroy(),
  };
}
