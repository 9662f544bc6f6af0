import { describe, expect, it } from 'vitest';
import {
  AdmissionGuard,
  FAILURE_WINDOW_MS,
  FIRST_BACKOFF_MS,
  KNOCK_WINDOW_MS,
  MAX_BACKOFF_MS,
  MAX_KNOCKS_PER_WINDOW,
} from './admission-guard.ts';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('AdmissionGuard', () => {
  it('refuses a peer id after its third failed proof, and no other', () => {
    const guard = new AdmissionGuard(clock().now);
    expect(guard.recordFailure('mallory')).toMatchObject({ refused: false, attemptsLeft: 2 });
    expect(guard.recordFailure('mallory')).toMatchObject({ refused: false, attemptsLeft: 1 });
    expect(guard.isRefused('mallory')).toBe(false);
    expect(guard.recordFailure('mallory')).toMatchObject({ refused: true, attemptsLeft: 0 });
    expect(guard.isRefused('mallory')).toBe(true);
    expect(guard.isRefused('alice')).toBe(false);
  });

  it('backs off exponentially once more than 5 failures fall within a minute, then resets', () => {
    const time = clock();
    const guard = new AdmissionGuard(time.now);
    for (let i = 0; i < 5; i++) expect(guard.recordFailure(`p${i}`).backoffMs).toBeNull();
    expect(guard.backoffRemainingMs()).toBe(0);
    expect(guard.recordFailure('p5').backoffMs).toBe(FIRST_BACKOFF_MS);
    expect(guard.backoffRemainingMs()).toBe(FIRST_BACKOFF_MS);
    time.advance(FIRST_BACKOFF_MS);
    expect(guard.recordFailure('p6').backoffMs).toBe(2 * FIRST_BACKOFF_MS);
    time.advance(2 * FIRST_BACKOFF_MS);
    expect(guard.recordFailure('p7').backoffMs).toBe(4 * FIRST_BACKOFF_MS);
    for (let i = 0; i < 20; i++) guard.recordFailure(`q${i}`);
    expect(guard.backoffRemainingMs()).toBe(MAX_BACKOFF_MS);
    time.advance(FAILURE_WINDOW_MS + MAX_BACKOFF_MS);
    expect(guard.backoffRemainingMs()).toBe(0);
    expect(guard.recordFailure('late').backoffMs).toBeNull();
  });

  it('reports the knock that goes over 20 a minute, once, and forgets old knocks', () => {
    const time = clock();
    const guard = new AdmissionGuard(time.now);
    const flags = Array.from({ length: 30 }, () => guard.recordKnock());
    expect(flags.indexOf(true)).toBe(MAX_KNOCKS_PER_WINDOW);
    expect(flags.filter(Boolean)).toHaveLength(1);
    time.advance(KNOCK_WINDOW_MS);
    expect(Array.from({ length: MAX_KNOCKS_PER_WINDOW }, () => guard.recordKnock())).not.toContain(
      true,
    );
  });
});
