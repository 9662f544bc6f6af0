import { describe, expect, it } from 'vitest';
import { loudestOther } from './audio-levels.ts';

describe('the speaker for speaker view', () => {
  it('is the loudest of the others, never oneself however loud', () => {
    const levels = new Map([
      ['me', 0.5],
      ['ana', 0.1],
      ['ben', 0.2],
    ]);
    expect(loudestOther(levels, 'me')).toBe('ben');
    expect(loudestOther(levels, null)).toBe('me');
  });

  it('is nobody while only oneself speaks, so the last one heard keeps the stage', () => {
    expect(
      loudestOther(
        new Map([
          ['me', 0.5],
          ['ana', 0.001],
        ]),
        'me',
      ),
    ).toBeNull();
  });
});
