import { describe, expect, it } from 'vitest';
import { loudestOther, loudestSlice } from './audio-levels.ts';

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

describe('how loud a window of samples is', () => {
  it('hears a short sound anywhere in the window, not diluted by the silence around it', () => {
    const window = new Float32Array(8192);
    // 10 ms of a tone at 48 kHz near the window's start, where a 1024-sample read would miss it.
    for (let i = 100; i < 580; i++) window[i] = 0.3 * Math.sin(i / 5);
    expect(loudestSlice(window)).toBeGreaterThan(0.1);
    expect(loudestSlice(new Float32Array(8192))).toBe(0);
  });
});
