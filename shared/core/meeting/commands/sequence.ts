/**
 * The newest sequence number seen from each signer: a command is new only if its number is
 * higher. Signers are roster members, so the map stays as small as the roster.
 */
export class SequenceTracker {
  private readonly newest = new Map<string, number>();

  isNew(signer: string, seq: number): boolean {
    return seq > (this.newest.get(signer) ?? 0);
  }

  record(signer: string, seq: number): void {
    if (this.isNew(signer, seq)) this.newest.set(signer, seq);
  }
}

/**
 * Our own numbers: they start from the clock, so a host who reloads under the same meeting
 * carries on above every number it used before, and each is higher than the last.
 */
export class SequenceCounter {
  private last = 0;

  constructor(private readonly now: () => number = Date.now) {}

  next(): number {
    this.last = Math.max(this.last + 1, Math.floor(this.now()));
    return this.last;
  }
}
