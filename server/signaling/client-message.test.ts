import { describe, expect, it } from 'vitest';
import { answer, candidate, dataOffer, mediaOffer } from '../test-support/messages.ts';
import { checkClientFrame } from './client-message.ts';
import { defaultRelayLimits } from './limits.ts';

const DST = 'cv0123456789abcdef0123456789abcdef';
const check = (frame: object | string, isBinary = false) =>
  checkClientFrame(
    Buffer.from(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    isBinary,
    defaultRelayLimits(),
  );
const withPayload = (message: object, changes: object) => {
  const m = message as { payload: object };
  return { ...m, payload: { ...m.payload, ...changes } };
};

describe('client frames', () => {
  it('accepts every shape the peerjs 1.5.5 client sends', () => {
    const shapes: object[] = [
      { type: 'HEARTBEAT' },
      dataOffer(DST),
      withPayload(dataOffer(DST), { metadata: { nested: [{ any: 'json' }] }, reliable: false }),
      mediaOffer(DST),
      withPayload(mediaOffer(DST), { browser: 'chrome' }),
      answer(DST),
      withPayload(answer(DST), { type: 'media', connectionId: 'mc_abc', browser: 'firefox' }),
      candidate(DST),
      withPayload(candidate(DST), {
        candidate: { candidate: 'candidate:x', sdpMid: null, sdpMLineIndex: null },
      }),
      withPayload(candidate(DST), { candidate: { candidate: '' } }),
    ];
    for (const shape of shapes)
      expect(check(shape), JSON.stringify(shape)).toMatchObject({ ok: true });
  });

  it('keeps only the fields of the schema', () => {
    const result = check({ ...dataOffer(DST), src: 'cvforged', extra: 1 });
    expect(result.ok && result.message).not.toHaveProperty('src');
    expect(result.ok && result.message).not.toHaveProperty('extra');
  });

  it('refuses other types, other shapes, binary, non-JSON and deep nesting', () => {
    const refused: Array<[object | string, string]> = [
      [{ type: 'LEAVE', dst: DST }, 'unexpected'],
      [{ type: 'EXPIRE', dst: DST }, 'unexpected'],
      [{ type: 'OPEN' }, 'unexpected'],
      [withPayload(dataOffer(DST), { connectionId: 'xx_abc' }), 'unexpected'],
      [withPayload(dataOffer(DST), { connectionId: `dc_${'a'.repeat(33)}` }), 'unexpected'],
      [withPayload(dataOffer(DST), { serialization: 'evil' }), 'unexpected'],
      [withPayload(dataOffer(DST), { sdp: { type: 'answer', sdp: '' } }), 'unexpected'],
      [withPayload(dataOffer(DST), { type: 'file' }), 'unexpected'],
      [withPayload(candidate(DST), { candidate: 'candidate:x' }), 'unexpected'],
      [{ ...answer(DST), dst: 'cvnot-an-id' }, 'unexpected'],
      ['null', 'unexpected'],
      ['{"type":', 'not-json'],
      [`{"type":"OFFER","payload":${'['.repeat(17)}${']'.repeat(17)}}`, 'too-deep'],
    ];
    for (const [frame, reason] of refused) {
      expect(check(frame), JSON.stringify(frame).slice(0, 80)).toEqual({ ok: false, reason });
    }
    expect(check({ type: 'HEARTBEAT' }, true)).toEqual({ ok: false, reason: 'binary' });
  });

  it('counts nesting outside strings only', () => {
    const bracketsInString = withPayload(dataOffer(DST), { label: '[[[[[[[[[[[[[[[[[[[[{{{{' });
    expect(check(bracketsInString)).toMatchObject({ ok: true });
    const escapedQuote = withPayload(dataOffer(DST), { label: '\\"[[[[[[[[[[[[[[[[[[[[' });
    expect(check(escapedQuote)).toMatchObject({ ok: true });
  });
});
