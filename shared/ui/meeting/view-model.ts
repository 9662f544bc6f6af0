import type { Participant } from '../../core/meeting/participant.ts';

/** Pure view logic of the room: what goes where, computed from the meeting's state. */

export interface GridShape {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/** Tiles may be cropped from 16:9 down to 4:3, or to 3:4 on a portrait screen, to fill it. */
const WIDEST = 16 / 9;

/** The column count that gives each of `count` tiles the most area in `width` x `height`. */
export function gridShape(count: number, width: number, height: number, gap = 8): GridShape {
  let best: GridShape = { columns: 1, rows: 1, tileWidth: 0, tileHeight: 0 };
  let bestArea = -1;
  const narrowest = width >= height ? 4 / 3 : 3 / 4;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(Math.max(1, count) / columns);
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * WIDEST);
    const tileHeight = Math.min(cellHeight, tileWidth / narrowest);
    const area = tileWidth * tileHeight;
    if (area > bestArea) {
      bestArea = area;
      best = {
        columns,
        rows,
        tileWidth: Math.floor(tileWidth),
        tileHeight: Math.floor(tileHeight),
      };
    }
  }
  return best;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Places `count` tiles in a grid inside a box, centred, the last row centred too. */
function placeGrid(count: number, box: Rect, gap: number): Rect[] {
  const shape = gridShape(count, box.width, box.height, gap);
  const rects: Rect[] = [];
  const usedHeight = shape.rows * shape.tileHeight + (shape.rows - 1) * gap;
  const top = box.top + (box.height - usedHeight) / 2;
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / shape.columns);
    const inRow = Math.min(shape.columns, count - row * shape.columns);
    const rowWidth = inRow * shape.tileWidth + (inRow - 1) * gap;
    const left = box.left + (box.width - rowWidth) / 2;
    rects.push({
      left: Math.round(left + (i % shape.columns) * (shape.tileWidth + gap)),
      top: Math.round(top + row * (shape.tileHeight + gap)),
      width: shape.tileWidth,
      height: shape.tileHeight,
    });
  }
  return rects;
}

/**
 * Where each tile goes on a stage of `width` x `height`: a grid filling it, or (with a
 * spotlight, which comes first) the spotlight large and the others in a strip beside it (below
 * it on a portrait screen).
 */
export function arrangeTiles(
  count: number,
  spotlight: boolean,
  width: number,
  height: number,
  gap = 8,
): Rect[] {
  const all = { left: 0, top: 0, width, height };
  if (!spotlight || count < 2) return placeGrid(count, all, gap);
  const strip = count - 1;
  if (height > width) {
    const stripHeight = Math.round(Math.min(height * 0.3, 220));
    const main = { left: 0, top: 0, width, height: height - stripHeight - gap };
    return [
      main,
      ...placeGrid(strip, { left: 0, top: main.height + gap, width, height: stripHeight }, gap),
    ];
  }
  const stripWidth = Math.round(Math.min(width * 0.22, 320));
  const main = { left: 0, top: 0, width: width - stripWidth - gap, height };
  return [
    main,
    ...placeGrid(strip, { left: main.width + gap, top: 0, width: stripWidth, height }, gap),
  ];
}

export type StageMode = 'grid' | 'speaker';

export interface StageInput {
  participants: Participant[];
  mode: StageMode;
  pinned: string | null;
  /** The remote peer heard most recently, for speaker view. */
  activeSpeaker: string | null;
}

export interface StageLayout {
  /** The tile that takes the stage (a screen share, the pinned or the speaking person). */
  spotlight: Participant | null;
  /** Everyone else: the grid, or the strip beside the spotlight. */
  others: Participant[];
}

/** A screen share takes the stage first, then a pin, then (in speaker view) the speaker. */
export function stageLayout({
  participants,
  mode,
  pinned,
  activeSpeaker,
}: StageInput): StageLayout {
  const sharing = participants.find((p) => p.screenSharing && !p.isSelf);
  const ownShare = participants.find((p) => p.screenSharing && p.isSelf);
  const pinnedOne = participants.find((p) => p.peerId === pinned);
  // Never oneself for speaking: the others are who one wants to see.
  const speaker =
    mode === 'speaker'
      ? (participants.find((p) => p.peerId === activeSpeaker && !p.isSelf) ??
        participants.find((p) => !p.isSelf) ??
        null)
      : null;
  const spotlight = sharing ?? pinnedOne ?? ownShare ?? speaker ?? null;
  if (!spotlight || participants.length < 2) return { spotlight: null, others: participants };
  return { spotlight, others: participants.filter((p) => p !== spotlight) };
}

export interface RosterDiff {
  joined: string[];
  left: string[];
}

/** Who came and who went between two rosters, by name (never ourselves). */
export function rosterDiff(before: Participant[], after: Participant[]): RosterDiff {
  const was = new Set(before.map((p) => p.peerId));
  const is = new Set(after.map((p) => p.peerId));
  return {
    joined: after.filter((p) => !was.has(p.peerId) && !p.isSelf).map((p) => p.name),
    left: before.filter((p) => !is.has(p.peerId) && !p.isSelf).map((p) => p.name),
  };
}

/** What changed in the roster, as sentences for a screen reader's live region. */
export function rosterChanges({ joined, left }: RosterDiff): string[] {
  return [...joined.map((name) => `${name} joined.`), ...left.map((name) => `${name} left.`)];
}

export function tabTitle(count: number, title: string | null = null): string {
  const name = `${title ?? 'Meeting'} · Conclave`;
  return count > 0 ? `(${count}) ${name}` : name;
}

/** How a participant's connection reads in the people and verification panels. */
export type TrustState = 'connecting' | 'checked' | 'verified-by-you';

export function trustState(p: Participant, markedVerified: ReadonlySet<string>): TrustState {
  if (p.connection !== 'connected') return 'connecting';
  return markedVerified.has(p.peerId) ? 'verified-by-you' : 'checked';
}
