import type { Rate } from '../../shared/core/token-bucket.ts';

export type { Rate };

/** Everything the signaling relay bounds. Defaults suit meetings of up to six people. */
export interface RelayLimits {
  /** Open signaling WebSockets per client address, counted from the upgrade request. */
  maxSocketsPerAddress: number;
  /** Open signaling WebSockets in total. */
  maxSockets: number;
  /** Upgrade requests per client address: each costs a signature check. */
  upgradesPerAddress: Rate;
  /** Largest frame accepted from a client. */
  maxPayloadBytes: number;
  /** Deepest bracket nesting accepted in a frame's JSON. */
  maxJsonDepth: number;
  /** Frames from one socket, every type. */
  framesPerSocket: Rate;
  /** Bytes from one socket. */
  bytesPerSocket: Rate;
  /** Relayed messages from one id to one other id. */
  messagesPerPair: Rate;
  /**
   * OFFERs from one client address (all its sockets and ids together) to one id. Five guests
   * behind one NAT rejoining a host at once send ten (a data connection and a call each).
   */
  offersPerAddressToDestination: Rate;
  /** A socket that has this many frames dropped within `dropWindowMs` is closed. */
  maxDroppedPerWindow: number;
  dropWindowMs: number;
  /** Malformed or unexpected frames before the socket is closed. */
  maxBadFrames: number;
  /** Frames held while a registration token is being checked. */
  maxFramesBeforeOpen: number;
  /** Sockets silent for longer than this are closed (PeerJS sends HEARTBEAT every 5 s). */
  silentSocketMs: number;
  /** Connections (OFFERs) one socket may have open at once. */
  maxConnectionsPerSocket: number;
  /** Connections open at once across the server: OFFERs opening more are dropped. */
  maxConnections: number;
  /** A connection not used for this long is forgotten. */
  connectionIdleMs: number;
  /** Ids whose last accepted token time is remembered, to refuse replays (oldest forgotten first). */
  maxRememberedTokens: number;
  /** Messages for ids nobody holds right now. */
  queue: QueueLimits;
  /** A destination whose socket has this much unsent data gets nothing more until it drains. */
  maxBufferedBytes: number;
  /** At most one log line per this interval; the rest is counted into the next line. */
  logIntervalMs: number;
}

export interface QueueLimits {
  messagesPerDestination: number;
  bytesPerDestination: number;
  /** What the messages from one client address may take of the totals. */
  messagesPerAddress: number;
  bytesPerAddress: number;
  totalMessages: number;
  totalBytes: number;
  /** After this, the sender is told EXPIRE (as stock PeerServer's expire_timeout). */
  maxAgeMs: number;
}

export function defaultRelayLimits(): RelayLimits {
  return {
    maxSocketsPerAddress: 32,
    maxSockets: 20_000,
    upgradesPerAddress: { perSecond: 10, burst: 40 },
    maxPayloadBytes: 64 * 1024,
    maxJsonDepth: 16,
    framesPerSocket: { perSecond: 50, burst: 200 },
    bytesPerSocket: { perSecond: 64 * 1024, burst: 512 * 1024 },
    messagesPerPair: { perSecond: 20, burst: 100 },
    offersPerAddressToDestination: { perSecond: 4, burst: 20 },
    maxDroppedPerWindow: 300,
    dropWindowMs: 10_000,
    maxBadFrames: 5,
    maxFramesBeforeOpen: 8,
    silentSocketMs: 60_000,
    maxConnectionsPerSocket: 256,
    maxConnections: 100_000,
    connectionIdleMs: 5 * 60_000,
    maxRememberedTokens: 200_000,
    queue: {
      messagesPerDestination: 32,
      bytesPerDestination: 256 * 1024,
      // An eighth of the totals each, so one address cannot fill the queue for everyone.
      messagesPerAddress: 10_000 / 8,
      bytesPerAddress: (16 * 1024 * 1024) / 8,
      totalMessages: 10_000,
      totalBytes: 16 * 1024 * 1024,
      maxAgeMs: 5_000,
    },
    maxBufferedBytes: 1024 * 1024,
    logIntervalMs: 10_000,
  };
}
