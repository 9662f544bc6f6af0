import type { QueueLimits } from './limits.ts';

interface QueuedMessage {
  src: string;
  /** The sender's client address, whose share of the queue this message counts against. */
  address: string;
  text: string;
  bytes: number;
  queuedAt: number;
}

interface DestinationQueue {
  messages: QueuedMessage[];
  bytes: number;
}

/** A sender whose messages for `dst` expired: stock PeerServer tells it EXPIRE once per pair. */
export interface ExpiredPair {
  src: string;
  dst: string;
}

interface Share {
  messages: number;
  bytes: number;
}

/**
 * Relayed messages for ids nobody holds yet, bounded per destination, per sending address and in
 * total: one address cannot fill the queue for everyone.
 */
export class OfflineQueues {
  private readonly byDestination = new Map<string, DestinationQueue>();
  private readonly byAddress = new Map<string, Share>();
  private totalMessages = 0;
  private totalBytes = 0;

  constructor(private readonly limits: QueueLimits) {}

  /** False when a bound is reached: the message is dropped. */
  add(dst: string, src: string, address: string, text: string, now: number): boolean {
    const bytes = Buffer.byteLength(text);
    const queue = this.byDestination.get(dst) ?? { messages: [], bytes: 0 };
    const share = this.byAddress.get(address) ?? { messages: 0, bytes: 0 };
    const fits =
      queue.messages.length < this.limits.messagesPerDestination &&
      queue.bytes + bytes <= this.limits.bytesPerDestination &&
      share.messages < this.limits.messagesPerAddress &&
      share.bytes + bytes <= this.limits.bytesPerAddress &&
      this.totalMessages < this.limits.totalMessages &&
      this.totalBytes + bytes <= this.limits.totalBytes;
    if (!fits) return false;
    queue.messages.push({ src, address, text, bytes, queuedAt: now });
    queue.bytes += bytes;
    this.byDestination.set(dst, queue);
    share.messages++;
    share.bytes += bytes;
    this.byAddress.set(address, share);
    this.totalMessages++;
    this.totalBytes += bytes;
    return true;
  }

  /** Everything queued for `dst`, oldest first, removed from the queue. */
  take(dst: string): string[] {
    const queue = this.byDestination.get(dst);
    if (!queue) return [];
    this.forget(dst, queue);
    return queue.messages.map((m) => m.text);
  }

  /** Drops every pair that has a message older than the age limit, and names those pairs. */
  expire(now: number): ExpiredPair[] {
    const expired: ExpiredPair[] = [];
    for (const [dst, queue] of this.byDestination) {
      const oldest = queue.messages[0];
      if (!oldest || now - oldest.queuedAt < this.limits.maxAgeMs) continue;
      const sources = new Set<string>();
      for (const m of queue.messages) {
        if (now - m.queuedAt < this.limits.maxAgeMs) break;
        sources.add(m.src);
      }
      const kept: QueuedMessage[] = [];
      for (const m of queue.messages) {
        if (sources.has(m.src)) this.release(m);
        else kept.push(m);
      }
      const keptBytes = kept.reduce((sum, m) => sum + m.bytes, 0);
      this.totalMessages -= queue.messages.length - kept.length;
      this.totalBytes -= queue.bytes - keptBytes;
      if (kept.length === 0) this.byDestination.delete(dst);
      else Object.assign(queue, { messages: kept, bytes: keptBytes });
      for (const src of sources) expired.push({ src, dst });
    }
    return expired;
  }

  stats(): { destinations: number; messages: number; bytes: number } {
    return {
      destinations: this.byDestination.size,
      messages: this.totalMessages,
      bytes: this.totalBytes,
    };
  }

  clear(): void {
    this.byDestination.clear();
    this.byAddress.clear();
    this.totalMessages = 0;
    this.totalBytes = 0;
  }

  private forget(dst: string, queue: DestinationQueue): void {
    this.byDestination.delete(dst);
    this.totalMessages -= queue.messages.length;
    this.totalBytes -= queue.bytes;
    for (const m of queue.messages) this.release(m);
  }

  /** Gives a message's place back to its sender's address. */
  private release(message: QueuedMessage): void {
    const share = this.byAddress.get(message.address);
    if (!share) return;
    share.messages--;
    share.bytes -= message.bytes;
    if (share.messages <= 0) this.byAddress.delete(message.address);
  }
}
