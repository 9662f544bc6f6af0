import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../crypto/encoding.ts';
import { decodeMessage, encodeMessage } from './codec.ts';
import { MAX_MESSAGE_CHARS, MAX_ROSTER_MEMBERS } from './schemas.ts';

const nonce = 'n'.repeat(43);
const sig = 's'.repeat(86);
const fingerprint = `sha-256 ${Array(32).fill('AB').join(':')}`;
const member = { peerId: 'cvg-0123', name: 'Ana', role: 'participant', fingerprint } as const;
const roster = { body: { meetingId: 'a'.repeat(32), version: 1, members: [member] }, sig };

describe('wire codec', () => {
  it('round-trips every message it builds', () => {
    const built = [
      encodeMessage('hello', { nonce, name: 'Ana' }),
      encodeMessage('challenge', { nonce, hostKey: 'k'.repeat(120), sig }),
      encodeMessage('knock', { proof: 'P'.repeat(43) }),
      encodeMessage('admit', { roster }),
      encodeMessage('deny', { reason: 'full' }),
      encodeMessage('roster', { roster }),
      encodeMessage('media-state', { audio: true, video: false }),
      encodeMessage('leave', {}),
      encodeMessage('end', {}),
    ];
    for (const text of built) {
      const result = decodeMessage(text);
      expect(result, text).toMatchObject({ ok: true, message: JSON.parse(text) });
    }
  });

  it('takes a file id only in the one spelling a chunk frame can carry', () => {
    const offer = (id: string) =>
      decodeMessage(
        JSON.stringify({ t: 'file-offer', v: 1, id, name: 'a.txt', size: 1, type: 'text/plain' }),
      ).ok;
    const canonical = toBase64Url(new Uint8Array(16).fill(0xab));
    expect(offer(canonical)).toBe(true);
    // The same 16 bytes with the last character's 4 spare bits set: never reachable by a chunk.
    expect(offer(`${canonical.slice(0, 21)}B`)).toBe(false);
    expect(offer(canonical.slice(0, 21))).toBe(false);
  });

  it.each([
    ['not text', 42],
    ['not JSON', '{"t":'],
    ['unknown type', '{"t":"shout","v":1}'],
    ['wrong version', JSON.stringify({ t: 'knock', v: 2 })],
    ['short nonce', JSON.stringify({ t: 'hello', v: 1, nonce: 'abc', name: 'Ana' })],
    ['empty name', JSON.stringify({ t: 'hello', v: 1, nonce, name: '   ' })],
    ['long name', JSON.stringify({ t: 'hello', v: 1, nonce, name: 'x'.repeat(65) })],
    [
      'bad fingerprint',
      JSON.stringify({
        t: 'roster',
        v: 1,
        roster: {
          ...roster,
          body: { ...roster.body, members: [{ ...member, fingerprint: 'sha-1 AB' }] },
        },
      }),
    ],
    [
      'huge roster',
      JSON.stringify({
        t: 'roster',
        v: 1,
        roster: {
          ...roster,
          body: { ...roster.body, members: Array(MAX_ROSTER_MEMBERS + 1).fill(member) },
        },
      }),
    ],
    [
      'oversize',
      JSON.stringify({ t: 'hello', v: 1, nonce, name: 'Ana', pad: 'x'.repeat(MAX_MESSAGE_CHARS) }),
    ],
  ])('rejects %s without throwing', (_label, raw) => {
    expect(decodeMessage(raw).ok).toBe(false);
  });

  it('drops keys it does not know, __proto__ included', () => {
    const result = decodeMessage('{"t":"leave","v":1,"__proto__":{"admin":true},"extra":1}');
    expect(result).toEqual({ ok: true, message: { t: 'leave', v: 1 } });
    if (result.ok) expect((result.message as Record<string, unknown>).admin).toBeUndefined();
  });

  it('never throws on arbitrary input (fuzzed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), (input) => {
        const result = decodeMessage(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single-field mutation of a valid hello (fuzzed)', () => {
    fc.assert(
      fc.property(fc.constantFrom('t', 'v', 'nonce', 'name'), fc.anything(), (key, value) => {
        const hello: Record<string, unknown> = { t: 'hello', v: 1, nonce, name: 'Ana' };
        fc.pre(JSON.stringify(value) !== JSON.stringify(hello[key]));
        fc.pre(
          !(
            key === 'name' &&
            typeof value === 'string' &&
            value.trim().length > 0 &&
            value.trim().length <= 64
          ),
        );
        hello[key] = value;
        expect(decodeMessage(JSON.stringify(hello)).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
