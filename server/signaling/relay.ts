import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { TOKEN_MAX_SKEW_MS } from '../../shared/core/signaling/peer-identity.ts';
import { AddressRate } from '../connection-limits/address-rate.ts';
import { AggregateLog, type Logger } from './aggregate-log.ts';
import { checkClientFrame, type BadFrameReason, type RelayedMessage } from './client-message.ts';
import { ConnectionRecords } from './connection-records.ts';
import type { RelayLimits } from './limits.ts';
import { OfflineQueues } from './offline-queue.ts';
import { checkRegistration } from './registration.ts';
import { SignalingSocket } from './signaling-socket.ts';
import { TokenMemory } from './token-memory.ts';
import { UpgradeGate } from './upgrade-gate.ts';

const SWEEP_INTERVAL_MS = 1000;
const POLICY_VIOLATION = 1008;
const ID_TAKEN = JSON.stringify({ type: 'ID-TAKEN', payload: { msg: 'ID is taken' } });

export interface RelayConfig {
  limits: RelayLimits;
  /** Origins (exact or `scheme://*`) allowed besides the server's own. */
  allowedOrigins: readonly string[];
  /** The server's own origins, as clients see them: tokens are signed for one of these. */
  publicOrigins: () => readonly string[];
  /** The client address of an upgrade request, for the per-address cap. */
  clientAddress: (req: IncomingMessage) => string;
  logger: Logger;
  now: () => number;
}

export interface RelayStats {
  sockets: number;
  registered: number;
  queuedMessages: number;
  queuedBytes: number;
  queuedDestinations: number;
  openConnections: number;
  relayed: number;
  dropped: Record<DropReason, number>;
  badFrames: number;
  refusedUpgrades: number;
}

type DropReason =
  | 'socket-rate'
  | 'pair-rate'
  | 'address-offer-rate'
  | 'too-many-connections'
  | 'no-such-connection'
  | 'queue-full'
  | 'destination-busy';

export interface SignalingRelay {
  /** For the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): RelayStats;
  /** Closes every socket and stops the sweep timer. */
  close(): void;
}

/**
 * A relay that speaks the PeerServer wire protocol to the unmodified PeerJS client and trusts no
 * client: proof-bound ids, one parse per frame under size and depth limits, messages relayed only
 * within connections an OFFER opened, rates, caps and bounded queues everywhere.
 */
export function createSignalingRelay(config: RelayConfig): SignalingRelay {
  const { limits, now } = config;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const gate = new UpgradeGate(config);
  const sockets = new Set<SignalingSocket>();
  const clients = new Map<string, SignalingSocket>();
  const queues = new OfflineQueues(limits.queue);
  const connections = new ConnectionRecords(limits);
  // A token passes the clock check for up to 2 × the skew after it was first accepted.
  const acceptedTokens = new TokenMemory(limits.maxRememberedTokens, 2 * TOKEN_MAX_SKEW_MS);
  // Keyed by source address and destination id: many ids from one address cannot bury a
  // destination under OFFERs that its client must each answer or refuse.
  const addressOffers = new AddressRate(limits.offersPerAddressToDestination);
  const log = new AggregateLog(config.logger, limits.logIntervalMs);
  const counters = { relayed: 0, badFrames: 0 };
  const dropped: Record<DropReason, number> = {
    'socket-rate': 0,
    'pair-rate': 0,
    'address-offer-rate': 0,
    'too-many-connections': 0,
    'no-such-connection': 0,
    'queue-full': 0,
    'destination-busy': 0,
  };

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const admitted = gate.admit(req, socket);
    if (!admitted) return;
    // Without verifyClient, ws completes (or refuses) the handshake synchronously.
    let accepted = false;
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted = true;
      accept(ws, admitted.query, admitted.address);
    });
    if (!accepted) gate.release(admitted.address);
  }

  function accept(ws: WebSocket, query: URLSearchParams, address: string): void {
    const socket = new SignalingSocket(ws, address, limits, now());
    sockets.add(socket);
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer, isBinary) => onFrame(socket, data, isBinary));
    ws.on('close', () => onClose(socket));
    void register(socket, query);
  }

  async function register(socket: SignalingSocket, query: URLSearchParams): Promise<void> {
    const check = await checkRegistration(query, config.publicOrigins(), now());
    if (socket.ws.readyState !== WebSocket.OPEN) return;
    if (!check.ok) return refuseRegistration(socket, 'ERROR', check.message);
    const holder = clients.get(check.id);
    if (holder) {
      if (check.tokenTime <= holder.tokenTime)
        return refuseRegistration(socket, 'ID-TAKEN', 'ID is taken');
      // The key holder came back with a newer token (say, after a network change): it wins.
      // The old socket is told ID-TAKEN, so a tab still alive there stops reconnecting (PeerJS
      // would otherwise come back with a newer token and take the id back, forever) and says so.
      clients.delete(check.id);
      send(holder, ID_TAKEN);
      holder.ws.close(1000);
    } else if (acceptedTokens.isReplay(check.id, check.tokenTime)) {
      // A token seen before (say, from a proxy log) cannot take the id once its socket is gone.
      return refuseRegistration(socket, 'ERROR', 'Invalid token: replayed');
    }
    acceptedTokens.accept(check.id, check.tokenTime, now());
    socket.id = check.id;
    socket.tokenTime = check.tokenTime;
    clients.set(check.id, socket);
    socket.ws.send(JSON.stringify({ type: 'OPEN' }));
    for (const text of queues.take(check.id)) send(socket, text);
    const early = socket.framesBeforeOpen ?? [];
    socket.framesBeforeOpen = null;
    for (const frame of early) onFrame(socket, frame.data, frame.isBinary);
  }

  function refuseRegistration(
    socket: SignalingSocket,
    type: 'ERROR' | 'ID-TAKEN',
    msg: string,
  ): void {
    socket.ws.send(JSON.stringify({ type, payload: { msg } }));
    socket.ws.close(POLICY_VIOLATION);
  }

  function onFrame(socket: SignalingSocket, data: Buffer, isBinary: boolean): void {
    if (socket.ws.readyState !== WebSocket.OPEN) return;
    const at = now();
    socket.lastSeenAt = at;
    if (socket.id === null) {
      socket.framesBeforeOpen ??= [];
      if (socket.framesBeforeOpen.length < limits.maxFramesBeforeOpen) {
        socket.framesBeforeOpen.push({ data, isBinary });
      } else {
        badFrame(socket, 'unexpected');
      }
      return;
    }
    // Replaced by a newer registration: whatever it still sends goes nowhere.
    if (clients.get(socket.id) !== socket) return;
    if (!socket.admitFrame(data.length, limits, at)) return drop(socket, 'socket-rate', at);
    const check = checkClientFrame(data, isBinary, limits);
    if (!check.ok) return badFrame(socket, check.reason);
    if (check.message.type === 'HEARTBEAT') return;
    relay(socket, socket.id, check.message, at);
  }

  function relay(socket: SignalingSocket, src: string, message: RelayedMessage, at: number): void {
    const { type, dst, payload } = message;
    if (dst === src) return badFrame(socket, 'unexpected');
    if (!socket.admitPairMessage(dst, limits, at)) return drop(socket, 'pair-rate', at);
    if (type === 'OFFER') {
      if (!addressOffers.admit(`${socket.address} ${dst}`, at)) {
        return drop(socket, 'address-offer-rate', at);
      }
      if (!connections.open(socket, src, dst, payload.connectionId, at)) {
        return drop(socket, 'too-many-connections', at);
      }
    } else if (!connections.use(src, dst, payload.connectionId, at)) {
      return drop(socket, 'no-such-connection', at);
    }
    const text = JSON.stringify({ type, src, dst, payload });
    const destination = clients.get(dst);
    if (!destination) {
      if (!queues.add(dst, src, socket.address, text, at)) drop(socket, 'queue-full', at);
      return;
    }
    if (send(destination, text)) counters.relayed++;
    else drop(socket, 'destination-busy', at);
  }

  /** Never closes or throws on the destination's account: a socket that cannot take it gets nothing. */
  function send(destination: SignalingSocket, text: string): boolean {
    const { ws } = destination;
    if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > limits.maxBufferedBytes)
      return false;
    ws.send(text);
    return true;
  }

  function drop(socket: SignalingSocket, reason: DropReason, at: number): void {
    dropped[reason]++;
    if (socket.noteDropped(limits, at)) {
      log.note('socket closed for flooding', at);
      socket.ws.close(POLICY_VIOLATION, 'Too many messages');
    }
  }

  function badFrame(socket: SignalingSocket, reason: BadFrameReason): void {
    const at = now();
    counters.badFrames++;
    log.note(`bad frame (${reason})`, at);
    // Nesting that deep is never a PeerJS client: no second chance.
    if (++socket.badFrames >= limits.maxBadFrames || reason === 'too-deep') {
      log.note('socket closed for bad frames', at);
      socket.ws.close(POLICY_VIOLATION, 'Bad frames');
    }
  }

  function onClose(socket: SignalingSocket): void {
    sockets.delete(socket);
    gate.release(socket.address);
    // Quietly: no LEAVE is sent to anybody.
    if (socket.id !== null && clients.get(socket.id) === socket) clients.delete(socket.id);
  }

  function sweep(): void {
    const at = now();
    for (const socket of sockets) {
      if (at - socket.lastSeenAt > limits.silentSocketMs) socket.ws.terminate();
      else socket.forgetFullPairBuckets(limits, at);
    }
    for (const { src, dst } of queues.expire(at)) {
      const sender = clients.get(src);
      if (sender) send(sender, JSON.stringify({ type: 'EXPIRE', src: dst, dst: src }));
    }
    connections.expire(at);
    acceptedTokens.expire(at);
    addressOffers.prune(at);
    gate.prune(at);
    log.flush(at);
  }
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    handleUpgrade,
    stats: () => {
      const queued = queues.stats();
      return {
        sockets: sockets.size,
        registered: clients.size,
        queuedMessages: queued.messages,
        queuedBytes: queued.bytes,
        queuedDestinations: queued.destinations,
        openConnections: connections.size,
        relayed: counters.relayed,
        dropped: { ...dropped },
        badFrames: counters.badFrames,
        refusedUpgrades: gate.refused,
      };
    },
    close: () => {
      clearInterval(sweeper);
      for (const socket of sockets) socket.ws.terminate();
      sockets.clear();
      clients.clear();
      queues.clear();
      connections.clear();
      acceptedTokens.clear();
      wss.close();
    },
  };
}
