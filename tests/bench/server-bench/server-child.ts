// A server for the bench in its own process, so its RSS is its own: ours or stock `peer`.
// Usage: server-child.ts <ours|stock> <connections it must be able to hold>
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type ServerOptions as WsOptions } from 'ws';
import { startServer } from '../../../server/app.ts';
import { defaultServerOptions } from '../../../server/options.ts';
import {
  openFilesLimit,
  type ChildReport,
  type ParentCommand,
  type ServerKind,
} from './protocol.ts';

// Never outlive the bench that started this process.
process.on('disconnect', () => process.exit(1));

const kind = process.argv[2] as ServerKind;
const capacity = Number(process.argv[3]);
const staticDir = path.resolve('dist/pwa');

async function startOurs(): Promise<{ port: number; close: () => Promise<void> }> {
  const defaults = defaultServerOptions();
  const server = await startServer(
    {
      ...defaults,
      port: 0,
      staticDir,
      relayLimits: { ...defaults.relayLimits, maxSockets: capacity + 2_000 },
      tcpLimits: { ...defaults.tcpLimits, maxTotal: capacity + 4_000 },
    },
    { logger: { warn: () => undefined } },
  );
  return { port: Number(new URL(server.url).port), close: server.close };
}

/** Stock PeerServer as app.ts mounted it before our relay: same static app, same frame cap. */
async function startStock(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = express();
  const server = http.createServer(app);
  const peerServer = ExpressPeerServer(server, {
    path: '/',
    allow_discovery: false,
    concurrent_limit: capacity + 2_000,
    createWebSocketServer: (options: WsOptions) =>
      new WebSocketServer({ ...options, maxPayload: 64 * 1024 }),
  });
  peerServer.on('error', () => undefined);
  app.use('/peerjs', peerServer);
  app.use(express.static(staticDir));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const report = (message: ChildReport) => process.send!(message);
const running = kind === 'ours' ? await startOurs() : await startStock();
report({ type: 'listening', port: running.port, openFilesLimit: await openFilesLimit() });

process.on('message', async (command: ParentCommand) => {
  if (command.type === 'measure') {
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) {
      gc?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { rss, heapUsed } = process.memoryUsage();
    report({ type: 'memory', rss, heapUsed });
  } else {
    await running.close();
    process.exit(0);
  }
});
