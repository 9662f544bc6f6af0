import { describe, expect, it } from 'vitest';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import { TestLocks } from '../../core/testing/test-locks.ts';
import { holdHostingLock, meetingHostedHere, meetingsHostedNow } from './hosting-lock.ts';

describe('the hosting lock', () => {
  it('lets one page host a meeting; a second start is refused until the first lets go', async () => {
    const locks = new TestLocks();
    const release = await holdHostingLock('m1', locks);
    expect(meetingHostedHere()).toBe('m1');
    expect(await meetingsHostedNow(locks)).toEqual(new Set(['m1']));

    const refused = await holdHostingLock('m1', locks).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConclaveError);
    expect((refused as ConclaveError).code).toBe(ErrorCode.HostingElsewhere);
    expect((refused as ConclaveError).message).toMatch(
      /^This meeting is already open in another tab\./,
    );
    // Another meeting is free to start meanwhile.
    const other = await holdHostingLock('m2', locks);
    expect(await meetingsHostedNow(locks)).toEqual(new Set(['m1', 'm2']));

    release();
    other();
    await expect.poll(() => meetingsHostedNow(locks)).toEqual(new Set());
    expect(meetingHostedHere()).toBeNull();
    const again = await holdHostingLock('m1', locks);
    expect(meetingHostedHere()).toBe('m1');
    again();
  });

  it('lists only hosting locks among the page’s locks', async () => {
    const locks = new TestLocks();
    const hold = new Promise<void>(() => undefined);
    void locks.request('conclave-chat-s1', { mode: 'exclusive' }, () => hold);
    const release = await holdHostingLock('m3', locks);
    expect(await meetingsHostedNow(locks)).toEqual(new Set(['m3']));
    release();
  });
});
