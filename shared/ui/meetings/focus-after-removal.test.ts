import { describe, expect, it } from 'vitest';
import { focusAfterRemoval } from './focus-after-removal.ts';

describe('the focus after a row is removed', () => {
  it('goes to the next row, the one above at the end, or the heading of an empty list', () => {
    expect(focusAfterRemoval(0, 2)).toBe(0);
    expect(focusAfterRemoval(1, 2)).toBe(1);
    expect(focusAfterRemoval(2, 2)).toBe(1);
    expect(focusAfterRemoval(0, 0)).toBe('heading');
  });
});
