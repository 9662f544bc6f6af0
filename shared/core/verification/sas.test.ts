import { describe, expect, it } from 'vitest';
import { randomNonce } from '../../crypto/random.ts';
import { decodeMessage } from '../protocol/codec.ts';
import { fakeFingerprint } from '../testing/fixtures.ts';
import { PeerVerification, type SasMessage } from './peer-verification.ts';
import { deriveSas, formatSas, SAS_EMOJI, type SasInput } from './sas.ts';

const MEETING = '0123456789abcdef0123456789abcdef';

function sampleInput(): SasInput {
  return {
    meetingId: MEETING,
    fingerprints: [fakeFingerprint(), fakeFingerprint()],
    initiatorId: 'alice',
    responderId: 'bob',
    initiatorNonce: randomNonce(),
    responderNonce: randomNonce(),
  };
}

/** Flips one bit of a text field's last character (still the same format). */
function flip(text: string): string {
  const last = text.at(-1)!;
  const swapped = last === 'A' ? 'B' : last === '0' ? '1' : 'A';
  return text.slice(0, -1) + swapped;
}

describe('short authentication string', () => {
  it('is the same whichever order the two fingerprints come in', async () => {
    const input = sampleInput();
    const swapped = {
      ...input,
      fingerprints: [input.fingerprints[1], input.fingerprints[0]] as const,
    };
    expect(await deriveSas(swapped)).toEqual(await deriveSas(input));
  });

  it('changes when any input changes', async () => {
    const input = sampleInput();
    const base = JSON.stringify(await deriveSas(input));
    const variants: SasInput[] = [
      { ...input, fingerprints: [flip(input.fingerprints[0]), input.fingerprints[1]] },
      { ...input, fingerprints: [input.fingerprints[0], flip(input.fingerprints[1])] },
      { ...input, initiatorNonce: flip(input.initiatorNonce) },
      { ...input, responderNonce: flip(input.responderNonce) },
      { ...input, meetingId: flip(input.meetingId) },
      { ...input, initiatorId: 'bob', responderId: 'alice' },
    ];
    for (const variant of variants) {
      expect(JSON.stringify(await deriveSas(variant))).not.toBe(base);
    }
  });

  it('shows 6 bytes as 7 emoji from a table of 64 and three 4-digit groups', () => {
    expect(new Set(SAS_EMOJI.map(([symbol]) => symbol)).size).toBe(64);
    const zeros = formatSas(new Uint8Array(6));
    expect(zeros.emoji.map((e) => e.name)).toEqual(Array(7).fill('dog'));
    expect(zeros.digits).toEqual(['0000', '0000', '0000']);
    const ones = formatSas(new Uint8Array(6).fill(255));
    expect(ones.emoji.map((e) => e.name)).toEqual(Array(7).fill('pin'));
    expect(ones.digits).toEqual(['5535', '5535', '5535']);
    // The top six bits pick the first picture; the last picture uses bits 6 to 11.
    const mixed = formatSas(Uint8Array.from([0b000001_00, 0, 0, 0, 0, 0b01_000000]));
    expect(mixed.emoji[0]!.name).toBe('cat');
    expect(mixed.emoji[6]!.name).toBe('cat');
  });
});

/** Two ends wired to each other, with a hook to tamper with what passes between them. */
function pair(
  tamper: (message: SasMessage) => SasMessage = (m) => m,
  { intercepted = false } = {},
) {
  const fpA = fakeFingerprint();
  const fpB = fakeFingerprint();
  // Someone in the middle terminates DTLS with each side under its own certificate.
  const seenByA = intercepted ? fakeFingerprint() : fpB;
  const seenByB = intercepted ? fakeFingerprint() : fpA;
  const ends: Record<string, PeerVerification> = {};
  const logs: string[] = [];
  const make = (self: string, other: string, local: string, remote: string) =>
    new PeerVerification({
      meetingId: MEETING,
      selfPeerId: () => self,
      send: (_to, text) => {
        const decoded = decodeMessage(text);
        if (!decoded.ok) throw new Error(decoded.reason);
        const message = tamper(decoded.message as SasMessage);
        queueMicrotask(() => ends[other]!.handleMessage(self, message));
      },
      fingerprints: () => Promise.resolve({ local, remote }),
      log: (line) => logs.push(line),
    });
  ends.a = make('a', 'b', fpA, seenByA);
  ends.b = make('b', 'a', fpB, seenByB);
  const settled = (end: PeerVerification, other: string) =>
    new Promise<void>((resolve) => {
      const check = () => end.state(other).status !== 'pending' && resolve();
      end.events.on('changed', check);
    });
  return { a: ends.a, b: ends.b, logs, settled };
}

describe('SAS exchange between two peers', () => {
  it('gives both ends the same code', async () => {
    const { a, b, settled } = pair();
    const done = Promise.all([settled(a, 'b'), settled(b, 'a')]);
    a.compare('b');
    await done;
    const onA = a.state('b');
    const onB = b.state('a');
    expect(onA.status).toBe('ready');
    expect(onA).toEqual(onB);
  });

  it('settles on one round when both start at once', async () => {
    const { a, b, settled } = pair();
    const done = Promise.all([settled(a, 'b'), settled(b, 'a')]);
    a.compare('b');
    b.compare('a');
    await done;
    expect(a.state('b').status).toBe('ready');
    expect(a.state('b')).toEqual(b.state('a'));
  });

  it('gives different codes when the connection is intercepted', async () => {
    const { a, b, settled } = pair(undefined, { intercepted: true });
    const done = Promise.all([settled(a, 'b'), settled(b, 'a')]);
    a.compare('b');
    await done;
    expect(a.state('b').status).toBe('ready');
    expect(b.state('a').status).toBe('ready');
    expect(a.state('b')).not.toEqual(b.state('a'));
  });

  it('fails on the responder when the reveal is not the committed nonce', async () => {
    const { a, b, settled } = pair((m) =>
      m.t === 'sas-reveal' ? { ...m, nonce: randomNonce() } : m,
    );
    const done = settled(b, 'a');
    a.compare('b');
    await done;
    expect(b.state('a').status).toBe('failed');
  });

  it('ignores a reveal that comes before any commitment', async () => {
    const { b, logs } = pair();
    const nonce = randomNonce();
    b.handleMessage('a', { t: 'sas-reveal', v: 1, nonce });
    await Promise.resolve();
    expect(b.state('a').status).toBe('pending');
    expect(logs.join()).toMatch(/out of turn/);
  });
});
