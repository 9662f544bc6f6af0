import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app.ts';
import { defaultServerOptions } from './options.ts';

const staticDir = mkdtempSync(path.join(tmpdir(), 'conclave-static-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
const SIGNALING_SERVERS = [
  'http://127.0.0.1:8787/peerjs',
  'https://b.example.org/peerjs',
  'https://c.example.org:8443/peerjs',
];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    ...defaultServerOptions(),
    port: 0,
    signalingServers: SIGNALING_SERVERS,
    staticDir,
  });
});
afterAll(() => server.close());

describe('a server with signaling servers side by side', () => {
  it('lists them in /config.json for its web app', async () => {
    const config = (await (await fetch(`${server.url}/config.json`)).json()) as unknown;
    expect(config).toMatchObject({ signalingPath: '/peerjs', signalingServers: SIGNALING_SERVERS });
  });

  it('lets its pages open signaling sockets to them, and to nothing else beyond its own origin', async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    const connectSrc = csp.split('; ').find((d) => d.startsWith('connect-src '));
    expect(connectSrc).toBe(
      "connect-src 'self' ws://127.0.0.1:8787 wss://b.example.org wss://c.example.org:8443",
    );
  });
});
