/** Failed proofs one peer id may make; the next knock from it is refused. */
export const MAX_FAILURES_PER_PEER = 3;
/** More failures than this within FAILURE_WINDOW_MS, from anyone, start a back-off. */
export const MAX_FAILURES_IN_WINDOW = 5;
export const FAILURE_WINDOW_MS = 60_000;
/** More knocks than this within KNOCK_WINDOW_MS lock the meeting. */
export const MAX_KNOCKS_PER_WINDOW = 20;
export const KNOCK_WINDOW_MS = 60_000;
export const FIRST_BACKOFF_MS = 2_000;
export const MAX_BACKOFF_MS = 5 * 60_000;
/** Peer ids whose failures are remembered; the oldest is forgotten first. */
const MAX_TRACKED_PEERS = 1_000;

export type Clock = () => number;

export interface FailureOutcome {
  /** This peer id has used up its attempts. */
  refused: boolean;
  attemptsLeft: number;
  /** Set when this failure started (or lengthened) a back-off: time to alert the host. */
  backoffMs: number | null;
}

/**
 * Counts knocks and failed proofs to stop guessing and flooding. Bounded: timestamps outside
 * their window are dropped, and only the most recent peer ids are remembered.
 */
export class AdmissionGuard {
  private readonly failuresByPeer = new Map<string, number>();
  private failureTimes: number[] = [];
  private knockTimes: number[] = [];
  private backoffLevel = 0;
  private backoffUntil = 0;

  constructor(private readonly now: Clock = Date.now) {}

  /** Notes a knock; true when knocks have just gone over the limit. */
  recordKnock(): boolean {
    const now = this.now();
    this.knockTimes = this.knockTimes.filter((t) => now - t < KNOCK_WINDOW_MS);
    this.knockTimes.push(now);
    return this.knockTimes.length === MAX_KNOCKS_PER_WINDOW + 1;
  }

  isRefused(peerId: string): boolean {
    return (this.failuresByPeer.get(peerId) ?? 0) >= MAX_FAILURES_PER_PEER;
  }

  attemptsLeft(peerId: string): number {
    return Math.max(0, MAX_FAILURES_PER_PEER - (this.failuresByPeer.get(peerId) ?? 0));
  }

  /** While backing off, password proofs are not checked (the knock waits in the lobby). */
  backoffRemainingMs(): number {
    return Math.max(0, this.backoffUntil - this.now());
  }

  recordFailure(peerId: string): FailureOutcome {
    const now = this.now();
    const count = (this.failuresByPeer.get(peerId) ?? 0) + 1;
    this.failuresByPeer.delete(peerId);
    this.failuresByPeer.set(peerId, count);
    if (this.failuresByPeer.size > MAX_TRACKED_PEERS) {
      this.failuresByPeer.delete(this.failuresByPeer.keys().next().value!);
    }
    this.failureTimes = this.failureTimes.filter((t) => now - t < FAILURE_WINDOW_MS);
    this.failureTimes.push(now);
    let backoffMs: number | null = null;
    if (this.failureTimes.length > MAX_FAILURES_IN_WINDOW) {
      backoffMs = Math.min(FIRST_BACKOFF_MS * 2 ** this.backoffLevel, MAX_BACKOFF_MS);
      this.backoffLevel += 1;
      this.backoffUntil = now + backoffMs;
    } else {
      this.backoffLevel = 0;
    }
    return {
      refused: count >= MAX_FAILURES_PER_PEER,
      attemptsLeft: this.attemptsLeft(peerId),
      backoffMs,
    };
  }
}
