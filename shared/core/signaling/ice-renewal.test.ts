import { describe, expect, it } from 'vitest';
import { earliestExpiryMs, renewIceServersBeforeExpiry } from './ice-renewal.ts';

const turn = (expirySeconds: number, id = 'x'): RTCIceServer => ({
  urls: 'turn:turn.example.org',
  username: `${expirySeconds}:${id}`,
  credential: 'c',
});

/** A clock and timers the test moves by hand. */
class ManualTime {
  now = 1_790_000_000_000;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 0;
  readonly setTimer = (run: () => void, ms: number) => {
    this.timers.set(++this.next, { at: this.now + ms, run });
    return this.next;
  };
  readonly clearTimer = (id: unknown) => void this.timers.delete(id as number);
  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }
  /** Moves to the next timer and runs it, then lets its promise callbacks settle. */
  async fire(): Promise<void> {
    const [id, timer] = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0]!;
    this.timers.delete(id);
    this.now = timer.at;
    timer.run();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

describe('TURN credential renewal', () => {
  it('reads the earliest TURN REST expiry, ignoring servers without one', () => {
    expect(earliestExpiryMs([turn(1_790_003_600), turn(1_790_001_000)])).toBe(1_790_001_000_000);
    expect(
      earliestExpiryMs([{ urls: 'stun:s.example' }, { urls: 'turn:t', username: 'static' }]),
    ).toBeNull();
  });

  it('renews five minutes before expiry, applies the fresh servers, and goes on', async () => {
    const time = new ManualTime();
    const nowSeconds = time.now / 1000;
    let round = 0;
    const applied: RTCIceServer[][] = [];
    const stop = renewIceServersBeforeExpiry([turn(nowSeconds + 3600)], {
      renew: () => Promise.resolve([turn(time.now / 1000 + 3600, `r${++round}`)]),
      apply: (servers) => applied.push(servers),
      now: () => time.now,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    });
    expect(time.pending).toEqual([55 * 60_000]);
    await time.fire();
    expect(applied).toEqual([[turn(nowSeconds + 55 * 60 + 3600, 'r1')]]);
    expect(time.pending).toEqual([55 * 60_000]);
    stop();
    expect(time.pending).toEqual([]);
  });

  it('renews short lifetimes at half their time, retries after a failure, and never without expiry', async () => {
    const time = new ManualTime();
    let fail = true;
    const applied: RTCIceServer[][] = [];
    const deps = {
      renew: () =>
        fail
          ? Promise.reject(new Error('offline'))
          : Promise.resolve([turn(time.now / 1000 + 120)]),
      apply: (servers: RTCIceServer[]) => applied.push(servers),
      now: () => time.now,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    };
    renewIceServersBeforeExpiry([turn(time.now / 1000 + 120)], deps);
    expect(time.pending).toEqual([60_000]);
    await time.fire();
    expect(applied).toEqual([]);
    expect(time.pending).toEqual([30_000]);
    fail = false;
    await time.fire();
    expect(applied).toHaveLength(1);
    expect(time.pending).toEqual([60_000]);

    const idle = new ManualTime();
    renewIceServersBeforeExpiry([{ urls: 'stun:s.example' }], { ...deps, setTimer: idle.setTimer });
    expect(idle.pending).toEqual([]);
  });
});
