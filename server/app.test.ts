import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from './app.ts';
import { defaultServerOptions } from './options.ts';

let server: RunningServer;
const staticDir = mkdtempSync(path.join(tmpdir(), 'conclave-static-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');

beforeAll(async () => {
  server = await startServer({
    ...defaultServerOptions(),
    port: 0,
    iceServers: [{ urls: 'turn:turn.example.org', username: 'u', credential: 'c' }],
    staticDir,
  });
});

afterAll(() => server.close());

function signalingSocket(
  origin: string | undefined,
  id = `cvg-${Math.random().toString(16).slice(2)}`,
) {
  const url = `${server.url.replace('http', 'ws')}/peerjs/peerjs?key=peerjs&id=${id}&token=t0k3n`;
  return new WebSocket(url, origin ? { origin } : {});
}

/** Resolves with the first server message, or with how the socket ended. */
function firstEvent(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(`message ${String(data)}`));
    socket.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
    socket.once('close', (code) => resolve(`closed ${code}`));
    socket.once('error', () => undefined);
  });
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

  it('keeps peer discovery off', async () => {
    expect((await fetch(`${server.url}/peerjs/peerjs/peers`)).status).toBe(401);
  });

  it('accepts signaling from its own origin and from extensions', async () => {
    for (const origin of [
      server.url,
      'chrome-extension://abcdefghijklmnop',
      'moz-extension://1234',
    ]) {
      const socket = signalingSocket(origin);
      expect(await firstEvent(socket), origin).toBe('message {"type":"OPEN"}');
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
      expect(await firstEvent(signalingSocket(origin)), String(origin)).toBe('refused 401');
    }
  });

  it('closes a socket that sends a frame over 64 KiB', async () => {
    const socket = signalingSocket(server.url);
    expect(await firstEvent(socket)).toContain('OPEN');
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send('x'.repeat(64 * 1024 + 1));
    expect(await closed).toBe(1009);
  });
});

describe('our server on TLS', () => {
  it('serves HTTPS with HSTS and signaling over WSS', async () => {
    const fixture = (name: string) =>
      readFileSync(path.join(import.meta.dirname, 'test-fixtures', name), 'utf8');
    const tlsServer = await startServer({
      ...defaultServerOptions(),
      port: 0,
      tls: { key: fixture('localhost-key.pem'), cert: fixture('localhost-cert.pem') },
      staticDir,
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
      const url = `${tlsServer.url.replace('https', 'wss')}/peerjs/peerjs?key=peerjs&id=cvg-tls&token=t`;
      const socket = new WebSocket(url, { ca, origin: tlsServer.url });
      expect(await firstEvent(socket)).toBe('message {"type":"OPEN"}');
      socket.close();
    } finally {
      await tlsServer.close();
    }
  });
});
