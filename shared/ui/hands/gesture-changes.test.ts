import { describe, expect, it } from 'vitest';
import { testParticipant as person } from '../../core/testing/participant.ts';
import { gestureChanges, raisedHands } from './gesture-changes.ts';

describe('hand and reaction announcements', () => {
  it('announces a hand going up and each new reaction once, never one’s own', () => {
    const before = [person('Ana'), person('Me', { isSelf: true })];
    const after = [
      person('Ana', { handRaisedAt: 5, reaction: { emoji: '👍', id: 1 } }),
      person('Me', { isSelf: true, handRaisedAt: 6 }),
    ];
    expect(gestureChanges(before, after)).toEqual(['Ana raised a hand', 'Ana reacted thumbs up']);
    expect(gestureChanges(after, after)).toEqual([]);
    const again = [person('Ana', { handRaisedAt: 5, reaction: { emoji: '👍', id: 2 } })];
    expect(gestureChanges(after, again)).toEqual(['Ana reacted thumbs up']);
  });

  it('lists raised hands in the order they went up', () => {
    const list = [
      person('Ana', { handRaisedAt: 30 }),
      person('Ben'),
      person('Cy', { handRaisedAt: 10 }),
    ];
    expect(raisedHands(list).map((p) => p.name)).toEqual(['Cy', 'Ana']);
  });
});
