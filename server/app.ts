import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { clientAddress } from './connection-limits/client-address.ts';
import { HTTP_TIMEOUTS } from './connection-limits/http-timeouts.ts';
import { guardTcpConnections } from './connection-limits/tcp-guard.ts';
import type { ServerOptions } from './options.ts';
import { originAllowed } from './origin-allowlist.ts';
import { defaultPublicOrigins } from './public-origins.ts';
import { securityHeaders } from './security-headers.ts';
import { staticFiles } from './static/static-files.ts';
import type { Logger } from './signaling/aggregate-log.ts';
import { createSignalingRelay, type SignalingRelay } from './signaling/relay.ts';
import { mintTurnIceServer } from './turn/credentials.ts';

export const SIGNALING_PATH = '/peerjs';

export interface RunningServer {
  url: string;
  /** The origins signaling tokens must be signed for. */
  publicOrigins: readonly string[];
  relay: Pick<SignalingRelay, 'stats'>;
  close(): Promise<void>;
}

/** What tests replace: the clock the relay reads and where it logs. */
export interface ServerDependencies {
  now: () => number;
  logger: Logger;
}

/** One origin: the built PWA with strict headers, and our signaling relay under /peerjs. */
export async function startServer(
  options: ServerOptions,
  dependencies: Partial<ServerDependencies> = {},
): Promise<RunningServer> {
  const indexHtml = path.resolve(options.staticDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`No built PWA at ${options.staticDir}. Run "npm run build" first.`);
  }
  const secure = !!options.tls || options.proxied;
  const app = express();
  app.disable('x-powered-by');
  if (options.proxied) app.set('trust proxy', 'loopback');
  app.use(securityHeaders({ hsts: secure, signalingServers: options.signalingServers }));

  const server = options.tls
    ? https.createServer({ ...options.tls, ...HTTP_TIMEOUTS }, app)
    : http.createServer(HTTP_TIMEOUTS, app);
  guardTcpConnections(server, options.tcpLimits, options.proxied);

  let publicOrigins: readonly string[] = options.publicOrigins;
  const now = dependencies.now ?? Date.now;
  const relay = createSignalingRelay({
    limits: options.relayLimits,
    allowedOrigins: options.allowedOrigins,
    publicOrigins: () => publicOrigins,
    clientAddress: (req) => clientAddress(req, options.proxied),
    logger: dependencies.logger ?? console,
    now,
  });
  server.on('upgrade', relay.handleUpgrade);

  app.get('/config.json', (req, res) => {
    const turn = options.turn;
    // Each request gets its own TURN credential, which no cache may keep past its lifetime.
    if (turn) res.setHeader('Cache-Control', 'no-store');
    // The extension's pages (allowed origins) read it too, for their TURN credentials.
    const origin = req.get('origin');
    res.setHeader('Vary', 'Origin');
    if (origin && originAllowed(origin, publicOrigins, options.allowedOrigins)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
    }
    res.json({
      signalingPath: SIGNALING_PATH,
      iceServers: turn
        ? [...options.iceServers, mintTurnIceServer(turn, now())]
        : options.iceServers,
      ...(options.signalingServers.length ? { signalingServers: options.signalingServers } : {}),
    });
  });
  app.use(staticFiles(options.staticDir));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
  } catch (error) {
    relay.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  if (publicOrigins.length === 0) {
    publicOrigins = defaultPublicOrigins(options.host, port, !!options.tls);
  }
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${hostForUrl}:${port}`,
    publicOrigins,
    relay,
    close: () =>
      new Promise((resolve) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
