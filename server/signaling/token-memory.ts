interface Remembered {
  tokenTime: number;
  acceptedAt: number;
}

/**
 * The time of the last token accepted for each id, for as long as a token can pass the clock
 * check (the token rides in the WebSocket URL, so logs may hold it). A token no newer than the
 * remembered one is a replay, whether or not the id is held right now. Bounded: past
 * `maxIds`, the ids accepted longest ago are forgotten first.
 */
export class TokenMemory {
  // A Map iterates in insertion order; an id is re-inserted when accepted again, so the first
  // entries are the ones accepted longest ago.
  private readonly byId = new Map<string, Remembered>();

  constructor(
    private readonly maxIds: number,
    private readonly keepMs: number,
  ) {}

  /** Whether a token made at `tokenTime` for `id` is no newer than one accepted before. */
  isReplay(id: string, tokenTime: number): boolean {
    const remembered = this.byId.get(id);
    return remembered !== undefined && tokenTime <= remembered.tokenTime;
  }

  accept(id: string, tokenTime: number, now: number): void {
    this.byId.delete(id);
    this.byId.set(id, { tokenTime, acceptedAt: now });
    for (const oldest of this.byId.keys()) {
      if (this.byId.size <= this.maxIds) break;
      this.byId.delete(oldest);
    }
  }

  /** Forgets ids accepted longer ago than any of their tokens could still pass the clock check. */
  expire(now: number): void {
    for (const [id, remembered] of this.byId) {
      if (now - remembered.acceptedAt < this.keepMs) break;
      this.byId.delete(id);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
  }
}
