import { describe, expect, it } from 'vitest';
import { OfflineQueues } from './offline-queue.ts';

const limits = {
  messagesPerDestination: 3,
  bytesPerDestination: 100,
  messagesPerAddress: 100,
  bytesPerAddress: 1000,
  totalMessages: 5,
  totalBytes: 150,
  maxAgeMs: 5_000,
};

describe('offline queues', () => {
  it('bound messages and bytes per destination and in total', () => {
    const queues = new OfflineQueues(limits);
    expect([1, 2, 3, 4].map(() => queues.add('a', 's', 'addr', 'x', 0))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(queues.add('b', 's', 'addr', 'y'.repeat(101), 0)).toBe(false);
    expect(queues.add('b', 's', 'addr', 'y'.repeat(100), 0)).toBe(true);
    expect(queues.add('c', 's', 'addr', 'z'.repeat(50), 0)).toBe(false); // 153 bytes in total
    expect(queues.stats()).toEqual({ destinations: 2, messages: 4, bytes: 103 });
    expect(queues.take('a')).toEqual(['x', 'x', 'x']);
    expect(queues.stats()).toEqual({ destinations: 1, messages: 1, bytes: 100 });
  });

  it('expire whole pairs once, keeping younger senders', () => {
    const queues = new OfflineQueues(limits);
    queues.add('dst', 'old', 'addr', '1', 0);
    queues.add('dst', 'young', 'addr', '2', 1_000);
    queues.add('dst', 'old', 'addr', '3', 4_000);
    expect(queues.expire(4_999)).toEqual([]);
    expect(queues.expire(5_000)).toEqual([{ src: 'old', dst: 'dst' }]);
    expect(queues.stats()).toEqual({ destinations: 1, messages: 1, bytes: 1 });
    expect(queues.expire(6_000)).toEqual([{ src: 'young', dst: 'dst' }]);
    expect(queues.stats()).toEqual({ destinations: 0, messages: 0, bytes: 0 });
  });

  it('bound what one sending address may take of the totals, and give it back', () => {
    const queues = new OfflineQueues({ ...limits, messagesPerAddress: 2, bytesPerAddress: 60 });
    expect(queues.add('a', 's1', 'flood', 'x'.repeat(50), 0)).toBe(true);
    expect(queues.add('b', 's2', 'flood', 'x'.repeat(11), 0)).toBe(false); // 61 bytes
    expect(queues.add('b', 's2', 'flood', 'x', 0)).toBe(true);
    expect(queues.add('c', 's3', 'flood', 'x', 0)).toBe(false); // a third message
    expect(queues.add('c', 's4', 'other', 'y'.repeat(50), 0)).toBe(true);
    queues.take('a');
    expect(queues.add('c', 's3', 'flood', 'x'.repeat(50), 0)).toBe(true);
    expect(queues.expire(5_000)).toHaveLength(3);
    expect(queues.add('d', 's1', 'flood', 'x'.repeat(60), 5_000)).toBe(true);
  });
});
