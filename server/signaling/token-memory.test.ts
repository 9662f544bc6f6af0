import { describe, expect, it } from 'vitest';
import { TokenMemory } from './token-memory.ts';

describe('token memory', () => {
  it('calls a token no newer than the last accepted one for the id a replay', () => {
    const memory = new TokenMemory(10, 1000);
    memory.accept('a', 500, 0);
    expect(memory.isReplay('a', 500)).toBe(true);
    expect(memory.isReplay('a', 499)).toBe(true);
    expect(memory.isReplay('a', 501)).toBe(false);
    expect(memory.isReplay('b', 500)).toBe(false);
  });

  it('forgets ids once their tokens are too old to pass anyway, and the oldest past the cap', () => {
    const memory = new TokenMemory(2, 1000);
    memory.accept('a', 1, 0);
    memory.accept('b', 1, 100);
    memory.accept('a', 2, 200); // accepted again: now the youngest
    memory.accept('c', 1, 300);
    expect(memory.size).toBe(2);
    expect(memory.isReplay('b', 1)).toBe(false);
    expect(memory.isReplay('a', 2)).toBe(true);
    memory.expire(1199);
    expect(memory.size).toBe(2);
    memory.expire(1200);
    expect(memory.isReplay('a', 2)).toBe(false);
    expect(memory.isReplay('c', 1)).toBe(true);
    memory.expire(1300);
    expect(memory.size).toBe(0);
  });
});
