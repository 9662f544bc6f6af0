import { describe, expect, it } from 'vitest';
import { mintTurnCredential, mintTurnIceServer } from './credentials.ts';

const SECRET = 'a-long-shared-secret-0123';

describe('TURN REST credentials (coturn use-auth-secret)', () => {
  it('signs "<expiry>:<id>" with HMAC-SHA1 of the shared secret, base64', () => {
    // Computed with: printf '1790003600:room-42' | openssl dgst -sha1 -hmac "$SECRET" -binary | base64
    expect(mintTurnCredential(SECRET, 1_790_003_600, 'room-42')).toEqual({
      username: '1790003600:room-42',
      credential: 'SAGguGYlRhRYwAdQz/jYrSdAxnA=',
    });
  });

  it('puts the expiry, lifetime seconds from now, in the username, and a new id each time', () => {
    const settings = { urls: ['turn:127.0.0.1:3478'], secret: SECRET, lifetimeSeconds: 3600 };
    const nowMs = 1_790_000_000_400;
    const first = mintTurnIceServer(settings, nowMs);
    const second = mintTurnIceServer(settings, nowMs);
    expect(first.urls).toEqual(settings.urls);
    expect(first.username).toMatch(/^1790003600:[A-Za-z0-9_-]{16}$/);
    expect(second.username).not.toBe(first.username);
    expect(second.credential).not.toBe(first.credential);
    const id = String(first.username).split(':')[1];
    expect(first).toMatchObject(mintTurnCredential(SECRET, 1_790_003_600, id));
  });

  it('depends on the secret: another secret gives another credential', () => {
    const ours = mintTurnCredential(SECRET, 1_790_003_600, 'x');
    const theirs = mintTurnCredential(`${SECRET}!`, 1_790_003_600, 'x');
    expect(theirs.username).toBe(ours.username);
    expect(theirs.credential).not.toBe(ours.credential);
    expect(JSON.stringify(ours)).not.toContain(SECRET);
  });
});
