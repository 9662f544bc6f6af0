/** Whoever opened a connection: its count of open connections is bounded. */
export interface ConnectionOpener {
  openConnections: number;
}

interface ConnectionRecord {
  opener: ConnectionOpener;
  lastUsedAt: number;
}

/**
 * The connections an OFFER opened, by the two ids and the connectionId. ANSWER and CANDIDATE are
 * relayed only within one of these, between the same two ids (either direction).
 */
export class ConnectionRecords {
  private readonly records = new Map<string, ConnectionRecord>();

  constructor(
    private readonly limits: {
      maxConnectionsPerSocket: number;
      maxConnections: number;
      connectionIdleMs: number;
    },
  ) {}

  /**
   * Records (or refreshes) a connection; false when the opener, or the server as a whole, already
   * has too many open.
   */
  open(
    opener: ConnectionOpener,
    src: string,
    dst: string,
    connectionId: string,
    now: number,
  ): boolean {
    const key = recordKey(src, dst, connectionId);
    const existing = this.records.get(key);
    if (existing) {
      existing.lastUsedAt = now;
      return true;
    }
    if (opener.openConnections >= this.limits.maxConnectionsPerSocket) return false;
    if (this.records.size >= this.limits.maxConnections) return false;
    opener.openConnections++;
    this.records.set(key, { opener, lastUsedAt: now });
    return true;
  }

  /** Whether `src` and `dst` share this connection; refreshes it when they do. */
  use(src: string, dst: string, connectionId: string, now: number): boolean {
    const record = this.records.get(recordKey(src, dst, connectionId));
    if (!record) return false;
    record.lastUsedAt = now;
    return true;
  }

  expire(now: number): void {
    for (const [key, record] of this.records) {
      if (now - record.lastUsedAt < this.limits.connectionIdleMs) continue;
      this.records.delete(key);
      record.opener.openConnections--;
    }
  }

  get size(): number {
    return this.records.size;
  }

  clear(): void {
    this.records.clear();
  }
}

function recordKey(a: string, b: string, connectionId: string): string {
  return a < b ? `${a} ${b} ${connectionId}` : `${b} ${a} ${connectionId}`;
}
