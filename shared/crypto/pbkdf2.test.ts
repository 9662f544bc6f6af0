import { createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64Url, toHex, utf8 } from './encoding.ts';
import { hmac, verifyHmac } from './hmac.ts';
import { derivePasswordKey, MIN_PASSWORD_ITERATIONS } from './pbkdf2.ts';

describe('password key derivation (PBKDF2-HMAC-SHA-256)', () => {
  it('matches the RFC 7914 test vectors', async () => {
    // RFC 7914 section 11: the first 32 bytes of each 64-byte output.
    expect(toHex(await derivePasswordKey('passwd', utf8('salt'), 1))).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc',
    );
    expect(toHex(await derivePasswordKey('Password', utf8('NaCl'), 80_000))).toBe(
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56',
    );
  });

  it('agrees with an independent implementation at the meeting strength', async () => {
    const salt = utf8('0123456789abcdef');
    const ours = await derivePasswordKey('kumquat-orbit-7', salt, MIN_PASSWORD_ITERATIONS);
    const theirs = pbkdf2Sync('kumquat-orbit-7', salt, MIN_PASSWORD_ITERATIONS, 32, 'sha256');
    expect(toHex(ours)).toBe(theirs.toString('hex'));
  });
});

describe('HMAC-SHA-256', () => {
  it('matches RFC 4231 test case 2 with a text key and with a byte key', async () => {
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const tag = await hmac('Jefe', 'what do ya want for nothing?');
    expect(Buffer.from(tag, 'base64url').toString('hex')).toBe(expected);
    expect(await hmac(utf8('Jefe'), 'what do ya want for nothing?')).toBe(tag);
  });

  it('verifies only the right tag under the right key', async () => {
    const key = utf8('k'.repeat(32));
    const tag = toBase64Url(createHmac('sha256', key).update('admit|T').digest());
    expect(await verifyHmac(key, 'admit|T', tag)).toBe(true);
    expect(await verifyHmac(key, 'admit|T2', tag)).toBe(false);
    expect(await verifyHmac(utf8('x'.repeat(32)), 'admit|T', tag)).toBe(false);
    expect(await verifyHmac(key, 'admit|T', 'not base64url!')).toBe(false);
  });
});
