import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './encoding.ts';
import { generateSigningKeyPair, importPinnedPublicKey, sign, verify } from './signing.ts';

describe('host signing keys', () => {
  it('makes a non-extractable private key and a 256-bit digest for the link', async () => {
    const key = await generateSigningKeyPair();
    expect(key.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
    expect(fromBase64Url(key.digest)).toHaveLength(32);
  });

  it('verifies its own signature and rejects any change to message or signature', async () => {
    const key = await generateSigningKeyPair();
    const signature = await sign(key.privateKey, 'conclave/v1|transcript');
    expect(await verify(key.publicKey, 'conclave/v1|transcript', signature)).toBe(true);
    expect(await verify(key.publicKey, 'conclave/v1|transcripT', signature)).toBe(false);
    const bytes = fromBase64Url(signature);
    for (const index of [0, 31, 63]) {
      const flipped = bytes.slice();
      flipped[index]! ^= 1;
      expect(await verify(key.publicKey, 'conclave/v1|transcript', toBase64Url(flipped))).toBe(
        false,
      );
    }
    expect(await verify(key.publicKey, 'x', 'not-a-signature!')).toBe(false);
  });

  it('rejects a signature by another key', async () => {
    const [a, b] = await Promise.all([generateSigningKeyPair(), generateSigningKeyPair()]);
    expect(await verify(b.publicKey, 'm', await sign(a.privateKey, 'm'))).toBe(false);
  });

  it('imports a public key only when it matches the digest pinned in the link', async () => {
    const [a, b] = await Promise.all([generateSigningKeyPair(), generateSigningKeyPair()]);
    expect(await importPinnedPublicKey(a.publicKeySpki, a.digest)).not.toBeNull();
    expect(await importPinnedPublicKey(b.publicKeySpki, a.digest)).toBeNull();
    expect(await importPinnedPublicKey('garbage', a.digest)).toBeNull();
  });

  it('round-trips base64url and refuses other alphabets', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(33));
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(() => fromBase64Url('ab+/')).toThrow();
    expect(() => fromBase64Url('abcde')).toThrow();
  });
});
