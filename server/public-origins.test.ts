import { describe, expect, it } from 'vitest';
import { defaultPublicOrigins } from './public-origins.ts';

describe('default public origins', () => {
  it('are the listen address, plus the localhost and 127.0.0.1 forms on loopback', () => {
    expect(defaultPublicOrigins('127.0.0.1', 8787, false)).toEqual([
      'http://127.0.0.1:8787',
      'http://localhost:8787',
    ]);
    expect(defaultPublicOrigins('::1', 8787, true)).toEqual([
      'https://[::1]:8787',
      'https://localhost:8787',
      'https://127.0.0.1:8787',
    ]);
  });

  it('are only the listen address on a public interface', () => {
    expect(defaultPublicOrigins('192.0.2.7', 443, true)).toEqual(['https://192.0.2.7']);
  });
});
