import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import WebSocket, { WebSocketServer } from 'ws';

export const IMPOSTOR_ID = 'impostor-1';

/**
 * A malicious signaling server for tests: it serves the PWA like ours, relays signaling to a
 * real PeerServer, and silently redirects everything guests send to a host id towards the
 * impostor, rewriting the impostor's replies so they seem to come from the host.
 */
export async function startInterceptingServer(upstreamUrl: string) {
  const app = express()
    .get('/config.json', (_req, res) => res.json({ signalingPath: '/peerjs', iceServers: [] }))
    .get('/peerjs.min.js', (_req, res) =>
      res.sendFile(path.resolve('node_modules/peerjs/dist/peerjs.min.js')),
    )
    .use('/impostor', express.static('tests/e2e/impostor'))
    .use(express.static('dist/pwa'))
    .get('/join', (_req, res) => res.sendFile(path.resolve('dist/pwa/index.html')));
  const server = http.createServer(app);
  const sockets = new WebSocketServer({ server, path: '/peerjs/peerjs' });
  const upstreamOrigin = new URL(upstreamUrl).origin;

  sockets.on('connection', (client, req) => {
    const query = (req.url ?? '').slice((req.url ?? '').indexOf('?'));
    const clientId = new URLSearchParams(query).get('id') ?? '';
    const upstream = new WebSocket(`${upstreamUrl.replace('http', 'ws')}/peerjs/peerjs${query}`, {
      origin: upstreamOrigin,
    });
    let impersonatedHost: string | null = null;
    const pending: string[] = [];

    client.on('message', (data) => {
      const message = JSON.parse(String(data)) as { dst?: string };
      if (clientId !== IMPOSTOR_ID && message.dst?.startsWith('cvh-')) {
        impersonatedHost = message.dst;
        message.dst = IMPOSTOR_ID;
      }
      const text = JSON.stringify(message);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
    upstream.on('open', () => pending.splice(0).forEach((text) => upstream.send(text)));
    upstream.on('message', (data) => {
      const message = JSON.parse(String(data)) as { src?: string };
      if (impersonatedHost && message.src === IMPOSTOR_ID) message.src = impersonatedHost;
      client.send(JSON.stringify(message));
    });
    client.on('close', () => upstream.close());
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.clients) socket.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
