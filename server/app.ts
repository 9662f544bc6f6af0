import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type ServerOptions as WsOptions } from 'ws';
import type { ServerOptions } from './options.ts';
import { originAllowed } from './origin-allowlist.ts';
import { securityHeaders } from './security-headers.ts';

export const SIGNALING_PATH = '/peerjs';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** One origin: the built PWA with strict headers, and a hardened PeerServer under /peerjs. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const indexHtml = path.resolve(options.staticDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`No built PWA at ${options.staticDir}. Run "npm run build" first.`);
  }
  const secure = !!options.tls || options.proxied;
  const app = express();
  app.disable('x-powered-by');
  if (options.proxied) app.set('trust proxy', 'loopback');
  app.use(securityHeaders({ hsts: secure, signalingServers: options.signalingServers }));

  const server = options.tls ? https.createServer(options.tls, app) : http.createServer(app);
  const isAllowed = (origin: string | undefined, host: string | undefined) =>
    originAllowed(
      origin,
      host ? [`${secure ? 'https' : 'http'}://${host}`] : [],
      options.allowedOrigins,
    );

  const peerServer = ExpressPeerServer(server, {
    path: '/',
    allow_discovery: false,
    proxied: options.proxied,
    corsOptions: { origin: false },
    createWebSocketServer: (wsOptions: WsOptions) =>
      new WebSocketServer({
        ...wsOptions,
        maxPayload: options.maxPayloadBytes,
        verifyClient: ({ origin, req }: { origin: string; req: http.IncomingMessage }) =>
          isAllowed(origin, req.headers.host),
      }),
  });
  // A PeerServer socket error must never take the process down.
  peerServer.on('error', (error: Error) => console.warn(`signaling: ${error.message}`));
  app.use(SIGNALING_PATH, peerServer);

  app.get('/config.json', (_req, res) => {
    res.json({
      signalingPath: SIGNALING_PATH,
      iceServers: options.iceServers,
      ...(options.signalingServers.length ? { signalingServers: options.signalingServers } : {}),
    });
  });
  app.use(express.static(options.staticDir, { index: 'index.html', fallthrough: true }));
  // Client-side routes (the invite link's /join) get the app shell.
  app.get(['/', '/join'], (_req, res) => res.sendFile(indexHtml));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${hostForUrl}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
