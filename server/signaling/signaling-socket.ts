import type { WebSocket } from 'ws';
import type { ConnectionOpener } from './connection-records.ts';
import type { RelayLimits } from './limits.ts';
import { refill, TokenBucket } from '../../shared/core/token-bucket.ts';

/** What the relay keeps per socket: a few numbers, buckets made on first use, no timers. */
export class SignalingSocket implements ConnectionOpener {
  /** Set once the registration token checks out and OPEN is sent. */
  id: string | null = null;
  tokenTime = 0;
  lastSeenAt: number;
  openConnections = 0;
  badFrames = 0;
  /** Frames that arrived while the token was being checked. */
  framesBeforeOpen: Array<{ data: Buffer; isBinary: boolean }> | null = null;
  private dropped = 0;
  private dropWindowStartedAt = 0;
  // The frame and byte buckets, inline: two numbers and one time per socket, no objects.
  private frameTokens: number;
  private byteTokens: number;
  private tokensAt: number;
  private pairs: Map<string, TokenBucket> | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly address: string,
    limits: RelayLimits,
    now: number,
  ) {
    this.lastSeenAt = now;
    this.frameTokens = limits.framesPerSocket.burst;
    this.byteTokens = limits.bytesPerSocket.burst;
    this.tokensAt = now;
  }

  /** Charges a frame to this socket's frame and byte buckets. */
  admitFrame(size: number, limits: RelayLimits, now: number): boolean {
    const elapsedMs = now - this.tokensAt;
    this.tokensAt = now;
    this.frameTokens = refill(this.frameTokens, elapsedMs, limits.framesPerSocket);
    this.byteTokens = refill(this.byteTokens, elapsedMs, limits.bytesPerSocket);
    if (this.frameTokens < 1 || this.byteTokens < size) return false;
    this.frameTokens -= 1;
    this.byteTokens -= size;
    return true;
  }

  /** Charges a relayed message to the bucket of this socket's pair with `dst`. */
  admitPairMessage(dst: string, limits: RelayLimits, now: number): boolean {
    this.pairs ??= new Map();
    let bucket = this.pairs.get(dst);
    if (!bucket) {
      if (this.pairs.size >= limits.maxConnectionsPerSocket)
        this.forgetFullPairBuckets(limits, now);
      if (this.pairs.size >= limits.maxConnectionsPerSocket) return false;
      bucket = new TokenBucket(limits.messagesPerPair, now);
      this.pairs.set(dst, bucket);
    }
    return bucket.take(limits.messagesPerPair, 1, now);
  }

  /** Counts a dropped frame; true when this socket has dropped too many and must go. */
  noteDropped(limits: RelayLimits, now: number): boolean {
    if (now - this.dropWindowStartedAt > limits.dropWindowMs) {
      this.dropWindowStartedAt = now;
      this.dropped = 0;
    }
    return ++this.dropped > limits.maxDroppedPerWindow;
  }

  forgetFullPairBuckets(limits: RelayLimits, now: number): void {
    if (!this.pairs) return;
    for (const [dst, bucket] of this.pairs) {
      if (bucket.isFull(limits.messagesPerPair, now)) this.pairs.delete(dst);
    }
    if (this.pairs.size === 0) this.pairs = null;
  }
}
