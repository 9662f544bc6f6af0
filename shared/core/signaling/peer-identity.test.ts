import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../crypto/signing.ts';
import {
  PEER_ID_PATTERN,
  TOKEN_MAX_SKEW_MS,
  checkSignalingToken,
  peerIdFromKeyDigest,
  signalingToken,
} from './peer-identity.ts';

const ORIGIN = 'https://meet.example.org';
const NOW = 1_790_000_000_000;

describe('peer ids bound to a key', () => {
  it('derives a PeerJS-valid id from the key digest', async () => {
    const key = await generateSigningKeyPair();
    const id = peerIdFromKeyDigest(key.digest);
    expect(id).toMatch(PEER_ID_PATTERN);
    expect(peerIdFromKeyDigest(key.digest)).toBe(id);
  });

  it('accepts a fresh token from the key holder for this server', async () => {
    const key = await generateSigningKeyPair();
    const token = await signalingToken(key, ORIGIN, NOW);
    const id = peerIdFromKeyDigest(key.digest);
    expect(await checkSignalingToken(token, id, ['http://other', ORIGIN], NOW + 1000)).toEqual({
      ok: true,
      time: NOW,
    });
  });

  it('refuses a token for another id, another server, an old time or a flipped bit', async () => {
    const [key, other] = await Promise.all([generateSigningKeyPair(), generateSigningKeyPair()]);
    const id = peerIdFromKeyDigest(key.digest);
    const token = await signalingToken(key, ORIGIN, NOW);
    const check = (t: string, peerId = id, origins = [ORIGIN], now = NOW) =>
      checkSignalingToken(t, peerId, origins, now).then((r) => (r.ok ? 'ok' : r.reason));

    expect(await check(token, peerIdFromKeyDigest(other.digest))).toBe('wrong-key');
    expect(await check(token, id, ['https://evil.example'])).toBe('bad-signature');
    expect(await check(token, id, [ORIGIN], NOW + TOKEN_MAX_SKEW_MS + 1)).toBe('clock');
    const [time, spki, sig] = token.split('.');
    const flipped = sig!.slice(0, 10) + (sig![10] === 'A' ? 'B' : 'A') + sig!.slice(11);
    expect(await check(`${time}.${spki}.${flipped}`)).toBe('bad-signature');
    expect(await check(`${Number(time) + 1}.${spki}.${sig}`)).toBe('bad-signature');
    expect(await check('garbage')).toBe('malformed');
    expect(await check(token, 'cvh-not-ours')).toBe('malformed');
  });
});
