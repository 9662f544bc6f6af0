import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayTestServer, type RelayTestServer } from '../test-support/test-server.ts';
import { mintTurnCredential } from './credentials.ts';

const SECRET = 'the-coturn-static-auth-secret-42';
const TURN_URLS = ['turn:turn.example.org:3478?transport=udp'];
const STUN = { urls: 'stun:stun.example.org' };

let server: RelayTestServer;

beforeAll(async () => {
  server = await startRelayTestServer({
    iceServers: [STUN],
    turn: { urls: TURN_URLS, secret: SECRET, lifetimeSeconds: 600 },
  });
});

afterAll(() => server.close());

interface Config {
  iceServers: RTCIceServer[];
}

async function fetchConfig(): Promise<{ config: Config; cacheControl: string | null }> {
  const response = await fetch(`${server.url}/config.json`);
  return {
    config: (await response.json()) as Config,
    cacheControl: response.headers.get('cache-control'),
  };
}

describe('/config.json with TURN', () => {
  it('hands each request its own credential, minted with the secret and expiring after the lifetime', async () => {
    const first = await fetchConfig();
    server.clock.advance(5_000);
    const second = await fetchConfig();
    expect(first.cacheControl).toBe('no-store');
    const [stun, turn] = first.config.iceServers;
    expect(stun).toEqual(STUN);
    const expiry = Math.floor(server.clock.time / 1000) - 5 + 600;
    expect(turn).toMatchObject({ urls: TURN_URLS });
    expect(turn!.username).toMatch(new RegExp(`^${expiry}:[A-Za-z0-9_-]{16}$`));
    const id = String(turn!.username).split(':')[1]!;
    expect(turn!.credential).toBe(mintTurnCredential(SECRET, expiry, id).credential);
    const later = second.config.iceServers[1]!;
    expect(later.username).toMatch(new RegExp(`^${expiry + 5}:`));
    expect(later.credential).not.toBe(turn!.credential);
  });

  it("lets extension pages read it, and no other site's pages", async () => {
    const allowed = (origin: string) =>
      fetch(`${server.url}/config.json`, { headers: { origin } }).then((response) =>
        response.headers.get('access-control-allow-origin'),
      );
    expect(await allowed('chrome-extension://abcdefghijklmnop')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    expect(await allowed('moz-extension://1234')).toBe('moz-extension://1234');
    expect(await allowed('https://evil.example')).toBeNull();
  });

  it('never sends the shared secret, on any route', async () => {
    for (const route of ['/', '/join', '/config.json', '/no-such-page', '/peerjs/peerjs/id']) {
      const response = await fetch(server.url + route);
      const headers = JSON.stringify([...response.headers]);
      const body = await response.text();
      for (const form of [SECRET, Buffer.from(SECRET).toString('base64')]) {
        expect(body, route).not.toContain(form);
        expect(headers, route).not.toContain(form);
      }
    }
  });
});
