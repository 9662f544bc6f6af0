import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { AddressCounter } from '../connection-limits/address-counter.ts';
import { AddressRate } from '../connection-limits/address-rate.ts';
import { originAllowed } from '../origin-allowlist.ts';
import type { RelayLimits } from './limits.ts';

/** The WebSocket path a PeerJS client opens for `path: '/peerjs'`. */
export const SIGNALING_SOCKET_PATH = '/peerjs/peerjs';

export interface UpgradeGateConfig {
  limits: RelayLimits;
  allowedOrigins: readonly string[];
  publicOrigins: () => readonly string[];
  clientAddress: (req: IncomingMessage) => string;
  now: () => number;
}

export type UpgradeAdmission = { address: string; query: URLSearchParams } | null;

/**
 * Decides, before any WebSocket exists, whether an upgrade may proceed: our path, an allowed
 * Origin (never derived from Host), the per-address upgrade rate, and the socket caps. A refused
 * upgrade gets a bare HTTP status and is closed.
 */
export class UpgradeGate {
  private readonly open: AddressCounter;
  private readonly upgrades: AddressRate;
  refused = 0;

  constructor(private readonly config: UpgradeGateConfig) {
    this.open = new AddressCounter(config.limits.maxSocketsPerAddress, config.limits.maxSockets);
    this.upgrades = new AddressRate(config.limits.upgradesPerAddress);
  }

  /** The admitted client's address and query, counted as one open socket; null if refused. */
  admit(req: IncomingMessage, socket: Duplex): UpgradeAdmission {
    const url = URL.parse(req.url ?? '/', 'http://relay.invalid');
    if (url?.pathname !== SIGNALING_SOCKET_PATH) return this.refuse(socket, 404);
    const { origin } = req.headers;
    if (!originAllowed(origin, this.config.publicOrigins(), this.config.allowedOrigins)) {
      return this.refuse(socket, 401);
    }
    const address = this.config.clientAddress(req);
    if (!this.upgrades.admit(address, this.config.now())) return this.refuse(socket, 429);
    if (!this.open.tryAdd(address)) return this.refuse(socket, 429);
    return { address, query: url.searchParams };
  }

  /** An admitted socket closed (or its handshake failed). */
  release(address: string): void {
    this.open.remove(address);
  }

  prune(now: number): void {
    this.upgrades.prune(now);
  }

  private refuse(socket: Duplex, status: number): null {
    this.refused++;
    socket.on('error', () => undefined);
    socket.once('finish', () => socket.destroy());
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
    return null;
  }
}
