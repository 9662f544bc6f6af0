import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import WebSocket, { WebSocketServer } from 'ws';

export const IMPOSTOR_ID = 'impostor-1';

export interface HostileServer {
  url: string;
  /** Sends a raw frame to the client registered as `peerId`, as the server. */
  inject(peerId: string, frame: string): Promise<void>;
  /** Drops the socket of the client registered as `peerId`, as a restarting server would. */
  disconnect(peerId: string): void;
  /** Frames the client registered as `peerId` sent, parsed. */
  sentBy(peerId: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * A malicious signaling server for tests. It serves the PWA like ours, over a stock PeerServer
 * (any id, any token), and can write anything to any client. With `impersonate`, everything
 * sent to an id nobody holds here goes to the impostor instead, and the impostor's replies seem
 * to come from that id: the man in the middle the admission handshake must catch.
 */
export async function startHostileServer(
  options: { impersonate?: boolean } = {},
): Promise<HostileServer> {
  const stockApp = express();
  const stock = http.createServer(stockApp);
  const peerServer = ExpressPeerServer(stock, { path: '/', allow_discovery: false });
  peerServer.on('error', () => undefined);
  stockApp.use('/peerjs', peerServer);
  await listen(stock);
  const stockUrl = `ws://127.0.0.1:${(stock.address() as AddressInfo).port}/peerjs`;

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
  const clients = new Map<string, WebSocket>();
  const sent = new Map<string, Array<Record<string, unknown>>>();

  sockets.on('connection', (client, req) => {
    const query = (req.url ?? '').slice((req.url ?? '').indexOf('?'));
    const clientId = new URLSearchParams(query).get('id') ?? '';
    clients.set(clientId, client);
    sent.set(clientId, []);
    const upstream = new WebSocket(`${stockUrl}/peerjs${query}`);
    const impersonated = new Set<string>();
    const pending: string[] = [];

    client.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown> & { dst?: string };
      sent.get(clientId)?.push(message);
      const dst = message.dst;
      if (options.impersonate && clientId !== IMPOSTOR_ID && dst && !clients.has(dst)) {
        impersonated.add(dst);
        message.dst = IMPOSTOR_ID;
      }
      const text = JSON.stringify(message);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
    upstream.on('open', () => pending.splice(0).forEach((text) => upstream.send(text)));
    upstream.on('message', (data) => {
      const message = JSON.parse(String(data)) as { src?: string };
      if (message.src === IMPOSTOR_ID && impersonated.size === 1) {
        message.src = [...impersonated][0];
      }
      client.send(JSON.stringify(message));
    });
    client.on('close', () => {
      if (clients.get(clientId) === client) clients.delete(clientId);
      upstream.close();
    });
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
  });

  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject: (peerId, frame) =>
      new Promise((resolve, reject) => {
        const client = clients.get(peerId);
        if (!client) return reject(new Error(`${peerId} is not connected here`));
        client.send(frame, (error) => (error ? reject(error) : resolve()));
      }),
    disconnect: (peerId) => clients.get(peerId)?.terminate(),
    sentBy: (peerId) => sent.get(peerId) ?? [],
    close: async () => {
      for (const socket of sockets.clients) socket.terminate();
      for (const s of [server, stock]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

function listen(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}
