import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP relay standing in front of one of our servers, as its front door: it passes
 * every byte through and notes each signaling WebSocket upgrade that arrives, so a test can
 * tell from the server side which server a meeting's people signal through.
 */
export interface UpgradeCountingProxy {
  /** What browsers use, e.g. `http://127.0.0.1:40123`; the server behind sees this as its Host. */
  readonly url: string;
  /** Request paths (`/peerjs/peerjs?key=…&id=…`) of the signaling upgrades seen, oldest first. */
  readonly upgrades: readonly string[];
  /** Starts relaying to the server at `serverUrl` (connections before that are dropped). */
  relayTo(serverUrl: string): void;
  /** Stops listening and cuts every relayed connection. */
  close(): Promise<void>;
}

// WebSocket frames from browsers are masked, so only a real handshake reads as one.
const SIGNALING_UPGRADE =
  /^GET (\/peerjs\/peerjs\?\S*) HTTP\/1\.1\r\n(?:.+\r\n)*?upgrade: websocket\r\n/im;

export async function startUpgradeCountingProxy(): Promise<UpgradeCountingProxy> {
  const upgrades: string[] = [];
  const sockets = new Set<net.Socket>();
  let target: URL | null = null;

  const listener = net.createServer((client) => {
    if (!target) return void client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      const upgrade = SIGNALING_UPGRADE.exec(chunk.toString('latin1'));
      if (upgrade?.[1]) upgrades.push(upgrade[1]);
    });
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    upgrades,
    relayTo: (serverUrl) => (target = new URL(serverUrl)),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        listener.close(() => resolve());
      }),
  };
}
