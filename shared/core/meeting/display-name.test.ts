import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../protocol/limits.ts';
import { normalizeDisplayName, normalizeMeetingTitle, uniqueDisplayName } from './display-name.ts';

describe('display names', () => {
  it.each([
    ['Ana (you)', 'Ana'],
    ['Ana (YOU) (host)', 'Ana'],
    ['Ana （you）', 'Ana'],
    ['Ben (2)', 'Ben'],
    ['  Ca\u202Erla\u200B  ', 'Carla'],
    ['Dr. Lee (cardiology)', 'Dr. Lee (cardiology)'],
    ['(you)', 'Guest'],
    ['\u0000\u0007', 'Guest'],
  ])('shows %j as %j', (raw, shown) => {
    expect(normalizeDisplayName(raw)).toBe(shown);
  });

  it('numbers a name someone already has, whatever its case', () => {
    expect(uniqueDisplayName('Hana', ['Hana'])).toBe('Hana (2)');
    expect(uniqueDisplayName('hana', ['Hana', 'hana (2)'])).toBe('hana (3)');
    expect(uniqueDisplayName('Ｈａｎａ', ['Hana'])).toBe('Hana (2)');
    expect(uniqueDisplayName('Ana', ['Hana'])).toBe('Ana');
  });

  it('keeps a numbered long name within the limit', () => {
    const long = 'x'.repeat(MAX_NAME_LENGTH);
    const numbered = uniqueDisplayName(long, [long]);
    expect(numbered.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(numbered.endsWith(' (2)')).toBe(true);
  });
});

describe('meeting titles', () => {
  it('shows only visible characters, whole, within the wire’s length', () => {
    expect(normalizeMeetingTitle('Board\u202Egnitteem\u200B  review\n')).toBe(
      'Boardgnitteem review',
    );
    expect(normalizeMeetingTitle('\u200B \u202E')).toBeNull();
    // 63 units, then an emoji of two: it does not fit, and is not cut in half.
    const title = normalizeMeetingTitle(`${'a'.repeat(MAX_NAME_LENGTH - 1)}😀`)!;
    expect(title).toBe('a'.repeat(MAX_NAME_LENGTH - 1));
    expect(normalizeMeetingTitle(`${'b'.repeat(MAX_NAME_LENGTH - 2)}😀c`)).toHaveLength(
      MAX_NAME_LENGTH,
    );
  });
});
