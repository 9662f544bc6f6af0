import { describe, expect, it } from 'vitest';
import { testParticipant as person } from '../../core/testing/participant.ts';
import {
  arrangeTiles,
  gridShape,
  rosterChanges,
  rosterDiff,
  stageLayout,
  tabTitle,
  trustState,
} from './view-model.ts';

describe('grid shape', () => {
  it('puts two people side by side on a wide screen and one above the other on a phone', () => {
    expect(gridShape(2, 1280, 700).columns).toBe(2);
    expect(gridShape(2, 360, 600).columns).toBe(1);
  });

  it('fills a desktop screen with six tiles in three columns', () => {
    const shape = gridShape(6, 1280, 700);
    expect([shape.columns, shape.rows]).toEqual([3, 2]);
    expect(shape.tileWidth * 3).toBeGreaterThan(1200);
  });

  it('fits every tile inside the space at any count', () => {
    for (let count = 1; count <= 7; count++) {
      for (const [w, h] of [
        [360, 560],
        [1280, 700],
        [800, 300],
      ] as const) {
        const s = gridShape(count, w, h);
        expect(s.columns * s.rows).toBeGreaterThanOrEqual(count);
        expect(s.tileWidth * s.columns).toBeLessThanOrEqual(w);
        expect(s.tileHeight * s.rows).toBeLessThanOrEqual(h);
      }
    }
  });
});

describe('tile placement', () => {
  const inside = (
    r: { left: number; top: number; width: number; height: number },
    w: number,
    h: number,
  ) => r.left >= 0 && r.top >= 0 && r.left + r.width <= w + 0.5 && r.top + r.height <= h + 0.5;
  const overlap = (a: ReturnType<typeof arrangeTiles>[number], b: typeof a) =>
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height;

  it('keeps every tile on the stage and apart, with or without a spotlight', () => {
    for (const [w, h] of [
      [360, 560],
      [1280, 680],
    ] as const) {
      for (let count = 1; count <= 7; count++) {
        for (const spotlight of [false, true]) {
          const rects = arrangeTiles(count, spotlight, w, h);
          expect(rects).toHaveLength(count);
          for (const r of rects) expect(inside(r, w, h)).toBe(true);
          for (let i = 0; i < count; i++)
            for (let j = i + 1; j < count; j++) expect(overlap(rects[i]!, rects[j]!)).toBe(false);
        }
      }
    }
  });

  it('gives the spotlight most of the stage', () => {
    const [main] = arrangeTiles(4, true, 1280, 680);
    expect(main!.width * main!.height).toBeGreaterThan(0.7 * 1280 * 680);
  });
});

describe('stage layout', () => {
  const me = person('Me', { isSelf: true });
  const ana = person('Ana');
  const ben = person('Ben');

  it('is a plain grid by default', () => {
    const layout = stageLayout({
      participants: [me, ana, ben],
      mode: 'grid',
      pinned: null,
      activeSpeaker: null,
    });
    expect(layout.spotlight).toBeNull();
    expect(layout.others).toHaveLength(3);
  });

  it('gives the stage to a screen share over a pin', () => {
    const sharing = { ...ben, screenSharing: true };
    const layout = stageLayout({
      participants: [me, ana, sharing],
      mode: 'grid',
      pinned: 'ana',
      activeSpeaker: null,
    });
    expect(layout.spotlight?.name).toBe('Ben');
    expect(layout.others.map((p) => p.name)).toEqual(['Me', 'Ana']);
  });

  it('follows the speaker in speaker view, and a pin wins over it', () => {
    const input = {
      participants: [me, ana, ben],
      mode: 'speaker' as const,
      pinned: null,
      activeSpeaker: 'ben',
    };
    expect(stageLayout(input).spotlight?.name).toBe('Ben');
    expect(stageLayout({ ...input, pinned: 'ana' }).spotlight?.name).toBe('Ana');
  });

  it('never puts the person themselves on the stage for speaking, only someone else', () => {
    const input = {
      participants: [me, ana, ben],
      mode: 'speaker' as const,
      pinned: null,
      activeSpeaker: 'me',
    };
    expect(stageLayout(input).spotlight?.name).toBe('Ana');
    expect(stageLayout({ ...input, participants: [ben, me] }).spotlight?.name).toBe('Ben');
    // Their own pin or screen share is their choice, and still takes the stage.
    expect(stageLayout({ ...input, pinned: 'me' }).spotlight?.name).toBe('Me');
  });

  it('has no spotlight for someone alone', () => {
    expect(
      stageLayout({ participants: [me], mode: 'speaker', pinned: 'me', activeSpeaker: null })
        .spotlight,
    ).toBeNull();
  });
});

describe('roster changes and title', () => {
  it('announces who joined and who left, never oneself', () => {
    const me = person('Me', { isSelf: true });
    const diff = rosterDiff([me, person('Ana')], [me, person('Ben')]);
    expect(diff).toEqual({ joined: ['Ben'], left: ['Ana'] });
    expect(rosterChanges(diff)).toEqual(['Ben joined.', 'Ana left.']);
    expect(rosterDiff([], [me])).toEqual({ joined: [], left: [] });
  });

  it('puts the count and the meeting’s title in the tab title', () => {
    expect(tabTitle(3)).toBe('(3) Meeting · Conclave');
    expect(tabTitle(0, 'Design review')).toBe('Design review · Conclave');
  });

  it('reads a connection as checked against the roster, or verified by the person', () => {
    expect(trustState(person('Ana', { connection: 'connecting' }), new Set())).toBe('connecting');
    expect(trustState(person('Ana'), new Set())).toBe('checked');
    expect(trustState(person('Ana'), new Set(['ana']))).toBe('verified-by-you');
  });
});
