/**
 * What the signaling server may hand to PeerJS. PeerJS trusts its server: it builds a data
 * connection with whatever serialization an OFFER names (BinaryPack, or `constructor`, which
 * breaks its cleanup), keeps every ANSWER/CANDIDATE for a connection it does not know, and
 * opens an RTCPeerConnection per OFFER. A hostile server, or a hostile peer through a stock
 * server, could use each of those. This guard sits in front of PeerJS's message handler.
 */
import { TokenBucket, type Rate } from '../token-bucket.ts';

/** How PeerJS 1.5.5 names connections: `dc_`/`mc_` and a random base-36 string. */
const CONNECTION_ID = /^(?:dc|mc)_[a-z0-9]{1,32}$/;
const PEER_ID = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;
const MAX_PEER_ID_LENGTH = 64;
const MAX_SDP_CHARS = 64 * 1024;
const MAX_ERROR_CHARS = 200;
const CONTROL_TYPES = new Set(['OPEN', 'ERROR', 'ID-TAKEN', 'INVALID-KEY', 'LEAVE', 'EXPIRE']);

export interface GuardLimits {
  /** Offers from people not on the roster, all together. */
  offers: Rate;
  /** Offers from any one peer id not on the roster. */
  offersPerPeer: Rate;
  /** Live connections (any state) from one remote peer id. */
  connectionsPerPeer: number;
  /** Live connections in all. */
  connections: number;
  /** ANSWER and CANDIDATE messages for one connection. */
  messagesPerConnection: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = {
  offers: { burst: 40, perSecond: 10 },
  offersPerPeer: { burst: 4, perSecond: 0.5 },
  connectionsPerPeer: 4,
  connections: 48,
  messagesPerConnection: 200,
};

export interface GuardDeps {
  /** Whether PeerJS holds a connection with this id to this peer (one we opened or accepted). */
  hasConnection(peerId: string, connectionId: string): boolean;
  /** Live PeerJS connections to one peer id, or in all when no id is given. */
  connectionCount(peerId?: string): number;
  /** On our roster: their offers are not rate-limited (strangers cannot crowd them out). */
  isTrusted(peerId: string): boolean;
  now(): number;
  log(line: string): void;
}

type Message = { type: string; src?: unknown; payload?: unknown };

export class ServerMessageGuard {
  private readonly offers: TokenBucket;
  /** Per stranger; bounded, oldest forgotten first. */
  private readonly offersFrom = new Map<string, TokenBucket>();
  /** Messages seen per connection; bounded, oldest forgotten first. */
  private readonly perConnection = new Map<string, number>();
  private dropped = 0;

  constructor(
    private readonly deps: GuardDeps,
    private readonly limits: GuardLimits = DEFAULT_GUARD_LIMITS,
  ) {
    this.offers = new TokenBucket(limits.offers, deps.now());
  }

  /** True when PeerJS may handle `message`; anything else is dropped (and counted). */
  admit(message: unknown): boolean {
    const reason = this.refusal(message);
    if (!reason) return true;
    this.dropped += 1;
    // One line per power of two: a flood cannot flood the log as well.
    if ((this.dropped & (this.dropped - 1)) === 0) {
      this.deps.log(
        `signaling: dropped ${this.dropped} message(s) from the server; last: ${reason}`,
      );
    }
    return false;
  }

  private refusal(message: unknown): string | null {
    if (!isRecord(message) || typeof message.type !== 'string') return 'not a message';
    const m = message as Message;
    if (CONTROL_TYPES.has(m.type)) return this.controlRefusal(m);
    if (!isPeerId(m.src)) return `${m.type} without a valid sender`;
    if (!isRecord(m.payload) || !isConnectionId(m.payload.connectionId)) {
      return `${m.type} without a valid connection id`;
    }
    switch (m.type) {
      case 'OFFER':
        return this.offerRefusal(m.src, m.payload);
      case 'ANSWER':
      case 'CANDIDATE':
        return this.followUpRefusal(m.type, m.src, m.payload);
      default:
        return `unknown type ${m.type.slice(0, 20)}`;
    }
  }

  private controlRefusal(m: Message): string | null {
    if (m.type === 'ERROR') {
      if (!isRecord(m.payload) || typeof m.payload.msg !== 'string') return 'ERROR without text';
      m.payload.msg = m.payload.msg.slice(0, MAX_ERROR_CHARS);
    }
    if ((m.type === 'LEAVE' || m.type === 'EXPIRE') && !isPeerId(m.src)) {
      return `${m.type} without a valid sender`;
    }
    return null;
  }

  private offerRefusal(src: string, payload: Record<string, unknown>): string | null {
    const kind = payload.type;
    if (kind !== 'media' && kind !== 'data') return 'OFFER of an unknown kind';
    if (kind === 'data' && payload.serialization !== 'raw')
      return 'OFFER with a foreign serialization';
    if (!isSdp(payload.sdp, 'offer')) return 'OFFER without an offer';
    if (this.deps.connectionCount(src) >= this.limits.connectionsPerPeer) {
      return 'OFFER beyond the connections allowed per peer';
    }
    if (this.deps.connectionCount() >= this.limits.connections) {
      return 'OFFER beyond the connections allowed';
    }
    if (this.deps.isTrusted(src)) return null;
    const now = this.deps.now();
    const { offers, offersPerPeer } = this.limits;
    if (!this.peerBucket(src, now).take(offersPerPeer, 1, now)) {
      return 'OFFER beyond the rate allowed per peer';
    }
    if (!this.offers.take(offers, 1, now)) return 'OFFER beyond the rate allowed';
    return null;
  }

  private followUpRefusal(
    type: string,
    src: string,
    payload: Record<string, unknown>,
  ): string | null {
    const connectionId = payload.connectionId as string;
    if (!this.deps.hasConnection(src, connectionId)) return `${type} for an unknown connection`;
    if (type === 'ANSWER' && !isSdp(payload.sdp, 'answer')) return 'ANSWER without an answer';
    if (type === 'CANDIDATE' && !isRecord(payload.candidate)) return 'CANDIDATE without one';
    const key = `${src} ${connectionId}`;
    const seen = (this.perConnection.get(key) ?? 0) + 1;
    this.perConnection.delete(key);
    this.perConnection.set(key, seen);
    if (this.perConnection.size > this.limits.connections * 4) {
      this.perConnection.delete(this.perConnection.keys().next().value as string);
    }
    return seen > this.limits.messagesPerConnection ? `too many ${type} for one connection` : null;
  }

  private peerBucket(src: string, now: number): TokenBucket {
    let bucket = this.offersFrom.get(src);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.offersPerPeer, now);
      this.offersFrom.set(src, bucket);
      if (this.offersFrom.size > this.limits.connections * 4) {
        this.offersFrom.delete(this.offersFrom.keys().next().value as string);
      }
    }
    return bucket;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPeerId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PEER_ID_LENGTH && PEER_ID.test(value);
}

function isConnectionId(value: unknown): value is string {
  return typeof value === 'string' && CONNECTION_ID.test(value);
}

function isSdp(value: unknown, type: 'offer' | 'answer'): boolean {
  return (
    isRecord(value) &&
    value.type === type &&
    typeof value.sdp === 'string' &&
    value.sdp.length <= MAX_SDP_CHARS
  );
}
