import { describe, expect, it } from 'vitest';
import { SequenceCounter, SequenceTracker } from './sequence.ts';

describe('command sequence numbers', () => {
  it('go up by at least one each time, even when the clock stands still or goes back', () => {
    let clock = 1_000;
    const counter = new SequenceCounter(() => clock);
    const first = counter.next();
    clock = 500;
    const second = counter.next();
    clock = 5_000;
    const third = counter.next();
    expect([first, second, third]).toEqual([1_000, 1_001, 5_000]);
  });

  it('are new only above the highest seen from the same signer', () => {
    const seen = new SequenceTracker();
    seen.record('a', 10);
    expect([seen.isNew('a', 10), seen.isNew('a', 9), seen.isNew('a', 11)]).toEqual([
      false,
      false,
      true,
    ]);
    seen.record('a', 5);
    expect(seen.isNew('a', 10)).toBe(false);
    expect(seen.isNew('b', 1)).toBe(true);
  });
});
