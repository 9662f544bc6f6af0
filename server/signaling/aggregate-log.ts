export interface Logger {
  warn(line: string): void;
}

/**
 * Counts events and writes at most one line per interval: the first event at once, the rest
 * summed into the next line. A flood of bad frames costs a few lines, not one each.
 */
export class AggregateLog {
  private readonly counts = new Map<string, number>();
  private lastLineAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  note(event: string, now: number, count = 1): void {
    this.counts.set(event, (this.counts.get(event) ?? 0) + count);
    this.flush(now);
  }

  /** Writes what was counted if the interval has passed since the last line. */
  flush(now: number): void {
    if (this.counts.size === 0 || now - this.lastLineAt < this.intervalMs) return;
    const summary = [...this.counts].map(([event, count]) => `${event} x${count}`).join(', ');
    this.counts.clear();
    this.lastLineAt = now;
    this.logger.warn(`signaling: ${summary}`);
  }
}
