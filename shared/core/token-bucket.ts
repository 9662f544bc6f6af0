/** A token bucket's rate: `perSecond` sustained, up to `burst` at once. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/** Tokens in a bucket `elapsedMs` after it held `tokens`. */
export function refill(tokens: number, elapsedMs: number, rate: Rate): number {
  return Math.min(rate.burst, tokens + (Math.max(0, elapsedMs) * rate.perSecond) / 1000);
}

/** Refilled on demand when taken from, so no timer is needed. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(rate: Rate, now: number) {
    this.tokens = rate.burst;
    this.updatedAt = now;
  }

  /** Takes `amount` tokens if the bucket holds them. */
  take(rate: Rate, amount: number, now: number): boolean {
    this.tokens = refill(this.tokens, now - this.updatedAt, rate);
    this.updatedAt = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** A full bucket carries no state worth keeping. */
  isFull(rate: Rate, now: number): boolean {
    return refill(this.tokens, now - this.updatedAt, rate) >= rate.burst;
  }
}
