import type { Rate } from './limits.ts';

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
    this.refill(rate, now);
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** A full bucket carries no state worth keeping. */
  isFull(rate: Rate, now: number): boolean {
    this.refill(rate, now);
    return this.tokens >= rate.burst;
  }

  private refill(rate: Rate, now: number): void {
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(rate.burst, this.tokens + (elapsedMs * rate.perSecond) / 1000);
    this.updatedAt = now;
  }
}
