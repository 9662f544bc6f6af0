import { TokenBucket, type Rate } from '../../shared/core/token-bucket.ts';

/** A token bucket per client address, kept only while it is not full. */
export class AddressRate {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly rate: Rate) {}

  admit(address: string, now: number): boolean {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, now);
      this.buckets.set(address, bucket);
    }
    return bucket.take(this.rate, 1, now);
  }

  /** Forgets addresses whose bucket has refilled. */
  prune(now: number): void {
    for (const [address, bucket] of this.buckets) {
      if (bucket.isFull(this.rate, now)) this.buckets.delete(address);
    }
  }
}
