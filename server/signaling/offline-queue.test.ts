import { describe, expect, it } from 'vitest';
import { OfflineQueues } from './offline-queue.ts';

const limits = {
  messagesPerDestination: 3,
  bytesPerDestination: 100,
  totalMessages: 5,
  totalBytes: 150,
  maxAgeMs: 5_000,
};

describe('offline queues', () => {
  it('bound messages and bytes per destination and in total', () => {
    const queues = new OfflineQueues(limits);
    expect([1, 2, 3, 4].map(() => queues.add('a', 's', 'x', 0))).toEqual([true, true, true, false]);
    expect(queues.add('b', 's', 'y'.repeat(101), 0)).toBe(false);
    expect(queues.add('b', 's', 'y'.repeat(100), 0)).toBe(true);
    expect(queues.add('c', 's', 'z'.repeat(50), 0)).toBe(false); // 153 bytes in total
    expect(queues.stats()).toEqual({ destinations: 2, messages: 4, bytes: 103 });
    expect(queues.take('a')).toEqual(['x', 'x', 'x']);
    expect(queues.stats()).toEqual({ destinations: 1, messages: 1, bytes: 100 });
  });

  it('expire whole pairs once, keeping younger senders', () => {
    const queues = new OfflineQueues(limits);
    queues.add('dst', 'old', '1', 0);
    queues.add('dst', 'young', '2', 1_000);
    queues.add('dst', 'old', '3', 4_000);
    expect(queues.expire(4_999)).toEqual([]);
    expect(queues.expire(5_000)).toEqual([{ src: 'old', dst: 'dst' }]);
    expect(queues.stats()).toEqual({ destinations: 1, messages: 1, bytes: 1 });
    expect(queues.expire(6_000)).toEqual([{ src: 'young', dst: 'dst' }]);
    expect(queues.stats()).toEqual({ destinations: 0, messages: 0, bytes: 0 });
  });
});
