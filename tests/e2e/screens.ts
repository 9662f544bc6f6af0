import type { Page } from 'puppeteer-core';
import { ConclaveError, ErrorCode } from '../../shared/core/errors.ts';

/** What one participant tile shows, read from the page as a person would see it. */
export interface TileView {
  label: string;
  badges: string[];
  /** The tile's `<video>` takes space and is not hidden. */
  videoShown: boolean;
  playing: boolean;
  videoWidth: number;
  currentTime: number;
}

export interface ScreenView {
  tiles: TileView[];
  notices: string[];
}

const SECURITY_NOTICE = new ConclaveError(ErrorCode.PeerCheckFailed).message;
const POLL_MS = 100;
const TIMEOUT_MS = 30_000;

/** The notices each person's screen lists now (a repeat counts up on its line, so its text changes). */
export async function noticesNow(people: Record<string, Page>): Promise<Record<string, string[]>> {
  const now: Record<string, string[]> = {};
  for (const [name, page] of Object.entries(people)) now[name] = (await readScreen(page)).notices;
  return now;
}

/** The security notices ("failed its security check") each person's screen lists now. */
export async function securityNotices(
  people: Record<string, Page>,
): Promise<Record<string, string[]>> {
  const now = Object.entries(await noticesNow(people));
  return Object.fromEntries(
    now.map(([name, notices]) => [name, notices.filter((n) => n.includes(SECURITY_NOTICE))]),
  );
}

export async function readScreen(page: Page): Promise<ScreenView> {
  return page.evaluate(() => {
    const list = document.querySelector('ul[aria-label="Participants"]');
    const tiles = [...(list?.children ?? [])].map((li) => {
      const label = li.getAttribute('aria-label') ?? '';
      const video = li.querySelector<HTMLVideoElement>('video');
      const style = video && getComputedStyle(video);
      return {
        label,
        // Trust shields say the connection was checked: a good sign, not a mark against it.
        badges: [...li.querySelectorAll('.badge:not(.trust)')].map((b) => b.textContent ?? ''),
        videoShown:
          !!video &&
          video.getAttribute('aria-label') === `Video of ${label}` &&
          style!.visibility !== 'hidden' &&
          style!.display !== 'none' &&
          video.offsetWidth > 0 &&
          video.offsetHeight > 0,
        playing: !!video && !video.paused && !video.ended,
        videoWidth: video?.videoWidth ?? 0,
        currentTime: video?.currentTime ?? 0,
      };
    });
    const notices = [...document.querySelectorAll('ul[aria-label="Notices"] li')].map(
      (li) => li.textContent ?? '',
    );
    return { tiles, notices };
  });
}

/**
 * What is wrong on one person's screen (empty when nothing is): everyone listed once by name,
 * the host badge on the host alone, and every other person's video shown and playing with no
 * "muted", "camera off" or "connecting…" mark while their camera and microphone are on; no
 * security notice.
 */
export function screenProblems(
  view: ScreenView,
  self: string,
  everyone: string[],
  host: string,
  noticesBefore: readonly string[] = [],
) {
  const problems: string[] = [];
  const expected = everyone.map((n) => (n === self ? `${n} (you)` : n)).sort();
  const labels = view.tiles.map((t) => t.label).sort();
  if (JSON.stringify(labels) !== JSON.stringify(expected)) {
    problems.push(`tiles ${labels.join(', ')} instead of ${expected.join(', ')}`);
  }
  for (const tile of view.tiles) {
    const name = tile.label.replace(/ \(you\)$/, '');
    const marks = tile.badges.filter((b) => b !== 'host');
    if (tile.badges.includes('host') !== (name === host)) {
      problems.push(`${tile.label}: badges ${tile.badges.join(', ')}`);
    }
    if (marks.length > 0) problems.push(`${tile.label}: marked ${marks.join(', ')}`);
    if (name === self) continue;
    if (!tile.videoShown) problems.push(`${tile.label}: video hidden`);
    if (!tile.playing || tile.videoWidth === 0) problems.push(`${tile.label}: video not playing`);
  }
  for (const notice of view.notices.filter((n) => !noticesBefore.includes(n))) {
    if (notice.includes(SECURITY_NOTICE)) problems.push(`notice: ${notice}`);
  }
  return problems;
}

/**
 * Waits until everyone's screen is right (see `screenProblems`) and every remote video's clock
 * has moved on since it first looked right: frames are being presented, not just decoded.
 * Throws with what each wrong screen still shows. `noticesBefore` holds the notices each person
 * already had, which this check leaves aside.
 */
export async function waitForScreensRight(
  people: Record<string, Page>,
  host: string,
  noticesBefore: Record<string, string[]> = {},
  timeoutMs = TIMEOUT_MS,
): Promise<void> {
  const everyone = Object.keys(people);
  const deadline = Date.now() + timeoutMs;
  for (const [self, page] of Object.entries(people)) {
    let firstRight: ScreenView | null = null;
    let problems: string[] = [];
    for (;;) {
      const view = await readScreen(page);
      problems = screenProblems(view, self, everyone, host, noticesBefore[self]);
      if (problems.length === 0 && !firstRight) firstRight = view;
      else if (problems.length > 0) firstRight = null;
      else if (firstRight && advanced(firstRight, view, self)) break;
      if (Date.now() > deadline) {
        throw new Error(`${self}'s screen: ${problems.join('; ') || 'video clocks stand still'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

function advanced(before: ScreenView, after: ScreenView, self: string): boolean {
  return after.tiles
    .filter((t) => t.label !== `${self} (you)`)
    .every(
      (t) => t.currentTime > (before.tiles.find((b) => b.label === t.label)?.currentTime ?? 0),
    );
}
