import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, noticeText, withNotice, type Notice } from './notices.ts';

const say = (texts: string[]) =>
  texts.reduce<Notice[]>((list, text, i) => withNotice(list, text, i), []);

describe('notices', () => {
  it('counts a repeated notice on one line, moved to the end, instead of listing it again', () => {
    const list = say(['Checked failed.', 'Camera off.', 'Checked failed.', 'Checked failed.']);
    expect(list.map(noticeText)).toEqual(['Camera off.', 'Checked failed. (3 times)']);
    expect(list.map((n) => n.id)).toEqual([1, 0]);
  });

  it(`keeps the newest ${MAX_NOTICES} different notices, however many alerts flood in`, () => {
    const flood = Array.from({ length: 500 }, (_, i) => `Alert ${i % 2}`);
    const list = say(['Your camera was disconnected.', ...flood]);
    expect(list.map(noticeText)).toEqual([
      'Your camera was disconnected.',
      'Alert 0 (250 times)',
      'Alert 1 (250 times)',
    ]);
    const many = say(Array.from({ length: 8 }, (_, i) => `Notice ${i}`));
    expect(many.map(noticeText)).toEqual([
      'Notice 3',
      'Notice 4',
      'Notice 5',
      'Notice 6',
      'Notice 7',
    ]);
  });
});
