import type { WebSocket } from 'ws';
import type { ConnectionOpener } from './connection-records.ts';
import type { RelayLimits } from './limits.ts';
import { TokenBucket } from './token-bucket.ts';

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
  private frames: TokenBucket | null = null;
  private bytes: TokenBucket | null = null;
  private pairs: Map<string, TokenBucket> | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly address: string,
    now: number,
  ) {
    this.lastSeenAt = now;
  }

  /** Charges a frame to this socket's frame and byte buckets. */
  admitFrame(size: number, limits: RelayLimits, now: number): boolean {
    this.frames ??= new TokenBucket(limits.framesPerSocket, now);
    this.bytes ??= new TokenBucket(limits.bytesPerSocket, now);
    return (
      this.frames.take(limits.framesPerSocket, 1, now) &&
      this.bytes.take(limits.bytesPerSocket, size, now)
    );
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
