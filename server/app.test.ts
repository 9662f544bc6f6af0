import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until } from './test-support/poll.ts';
import { newIdentity } from './test-support/identity.ts';
import { SignalingClient } from './test-support/signaling-client.ts';
import {
  startRelayTestServer,
  tinyStaticDir,
  type RelayTestServer,
} from './test-support/test-server.ts';

let server: RelayTestServer;

beforeAll(async () => {
  server = await startRelayTestServer({
    iceServers: [{ urls: 'turn:turn.example.org', username: 'u', credential: 'c' }],
  });
});

afterAll(() => server.close());

/** A socket with a valid token for this server, from `origin`. */
async function signalingSocket(origin: string | undefined): Promise<SignalingClient> {
  const identity = await newIdentity();
  const token = await identity.token(server.publicOrigins[0]!, server.clock.time);
  return new SignalingClient(server.url, { id: identity.id, token, origin });
}

describe('our server', () => {
  it('sends strict security headers on every page', async () => {
    for (const route of ['/', '/join', '/config.json']) {
      const response = await fetch(server.url + route);
      expect(response.status, route).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
        expect(csp).toContain(directive);
      }
      expect(response.headers.get('permissions-policy')).toContain('camera=(self)');
      expect(response.headers.get('permissions-policy')).toContain('display-capture=(self)');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('hands out the configured ICE servers and nothing else', async () => {
    const config = (await (await fetch(`${server.url}/config.json`)).json()) as unknown;
    expect(config).toEqual({
      signalingPath: '/peerjs',
      iceServers: [{ urls: 'turn:turn.example.org', username: 'u', credential: 'c' }],
    });
  });

  it('sends no X-Powered-By header', async () => {
    for (const route of ['/', '/config.json', '/no-such-page']) {
      const response = await fetch(server.url + route);
      expect(response.headers.get('x-powered-by'), route).toBeNull();
    }
  });

  it('has no peer discovery route', async () => {
    expect((await fetch(`${server.url}/peerjs/peerjs/peers`)).status).toBe(404);
  });

  it('accepts signaling from its own origin and from extensions', async () => {
    for (const origin of [
      server.url,
      'chrome-extension://abcdefghijklmnop',
      'moz-extension://1234',
    ]) {
      const socket = await signalingSocket(origin);
      expect(await socket.settled(), origin).toBe('OPEN');
      socket.close();
    }
  });

  it('refuses signaling from other web origins and from clients that send none', async () => {
    for (const origin of [
      'https://evil.example',
      'http://localhost:1',
      'chrome-extension://',
      undefined,
    ]) {
      expect(await (await signalingSocket(origin)).settled(), String(origin)).toBe('refused 401');
    }
  });

  it('closes a socket that sends a frame over 64 KiB', async () => {
    const socket = await signalingSocket(server.url);
    expect(await socket.settled()).toBe('OPEN');
    socket.send('x'.repeat(64 * 1024 + 1));
    await until(() => socket.closed, 'socket closed');
    expect(socket.closeCode).toBe(1009);
  });
});

describe('closing the server', () => {
  it('closes every socket and timer so Node can exit', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/test-support/start-and-close.ts'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    let exitCode: number | null = null;
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.on('exit', (code) => (exitCode = code));
    try {
      await until(() => exitCode !== null, 'the process exits by itself', 15_000);
    } finally {
      child.kill();
    }
    expect(output).toContain('closed');
    expect(exitCode).toBe(0);
  }, 20_000);
});

describe('our server on TLS', () => {
  it('serves HTTPS with HSTS and signaling over WSS', async () => {
    const fixture = (name: string) =>
      readFileSync(path.join(import.meta.dirname, 'test-fixtures', name), 'utf8');
    const tlsServer = await startRelayTestServer({
      tls: { key: fixture('localhost-key.pem'), cert: fixture('localhost-cert.pem') },
      staticDir: tinyStaticDir(),
    });
    try {
      expect(tlsServer.url).toMatch(/^https:/);
      const ca = fixture('localhost-cert.pem');
      const hsts = await new Promise<string | undefined>((resolve, reject) => {
        https
          .get(`${tlsServer.url}/`, { ca }, (res) => {
            res.resume();
            resolve(res.headers['strict-transport-security']);
          })
          .on('error', reject);
      });
      expect(hsts).toContain('max-age=');
      expect(tlsServer.publicOrigins).toContain(tlsServer.url);
      const identity = await newIdentity();
      const token = await identity.token(tlsServer.url, tlsServer.clock.time);
      const query = `key=peerjs&id=${identity.id}&token=${token}`;
      const socket = new WebSocket(
        `${tlsServer.url.replace('https', 'wss')}/peerjs/peerjs?${query}`,
        {
          ca,
          origin: tlsServer.url,
        },
      );
      const first = await new Promise<string>((resolve) =>
        socket.once('message', (data) => resolve(String(data))),
      );
      expect(first).toBe('{"type":"OPEN"}');
      socket.close();
    } finally {
      await tlsServer.close();
    }
  });
});
