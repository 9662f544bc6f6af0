import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../crypto/encoding.ts';
import { hostKeyLabel } from './host-key-label.ts';

describe('host key label', () => {
  it('reads the first 40 bits of the digest as eight base-32 characters', () => {
    const digest = toBase64Url(Uint8Array.from([0, 0, 0, 0, 0, ...new Array(27).fill(255)]));
    expect(hostKeyLabel(digest)).toBe('0000-0000');
    const ones = toBase64Url(new Uint8Array(32).fill(255));
    expect(hostKeyLabel(ones)).toBe('ZZZZ-ZZZZ');
  });

  it('differs when the start of the digest differs', () => {
    const a = toBase64Url(new Uint8Array(32).fill(1));
    const b = toBase64Url(Uint8Array.from([2, ...new Array(31).fill(1)]));
    expect(hostKeyLabel(a)).not.toBe(hostKeyLabel(b));
  });
});
