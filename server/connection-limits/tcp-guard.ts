import type { Server } from 'node:net';
import { AddressCounter } from './address-counter.ts';
import { addressKey, isLoopback, normalizeAddress } from './client-address.ts';

export interface TcpLimits {
  /** Open TCP connections per client address (pages and signaling sockets together). */
  maxPerAddress: number;
  /** Open TCP connections in total. */
  maxTotal: number;
}

/**
 * Destroys a client's connections past its per-address cap, so one address cannot hold every
 * file handle. Behind a proxy on loopback, the proxy's own connections are not capped per address.
 */
export function guardTcpConnections(
  server: Server,
  limits: TcpLimits,
  proxied: boolean,
): AddressCounter {
  server.maxConnections = limits.maxTotal;
  const counter = new AddressCounter(limits.maxPerAddress, Number.POSITIVE_INFINITY);
  server.on('connection', (socket) => {
    const peer = normalizeAddress(socket.remoteAddress);
    if (proxied && isLoopback(peer)) return;
    const address = addressKey(peer);
    if (!counter.tryAdd(address)) {
      socket.destroy();
      return;
    }
    socket.on('close', () => counter.remove(address));
  });
  return counter;
}
