import type { Page } from 'puppeteer-core';
import { click, fill } from './people.ts';

/** What a person in the meeting sees while the signaling server is away. */
export const SERVER_AWAY = 'Reconnecting to the meeting server…';
export const RECONNECTING_BADGE = 'Reconnecting…';

const POLL = { polling: 50, timeout: 30_000 } as const;

export async function joinAs(page: Page, invite: string, name: string): Promise<void> {
  await page.goto(invite);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
}

/** Waits until `name`'s tile shows (or no longer shows) a badge with this text. */
export async function waitForBadge(page: Page, name: string, badge: string, shown: boolean) {
  await page.waitForFunction(
    (label: string, text: string, want: boolean) => {
      const tile = document.querySelector(`li[aria-label="${label}"]`);
      const has = [...(tile?.querySelectorAll('.badge') ?? [])].some((b) => b.textContent === text);
      return !!tile && has === want;
    },
    POLL,
    name,
    badge,
    shown,
  );
}

export async function waitForTextGone(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t: string) => !document.body.innerText.includes(t), POLL, text);
}

/** Frames the page has presented from `name`'s video so far. */
export function videoFrames(page: Page, name: string): Promise<number> {
  return page.$eval(
    `video[aria-label="Video of ${name}"]`,
    (video) => (video as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames,
  );
}

/** Waits, polling every 10 ms, until the page presents a new frame of `name`'s video. */
export async function waitForNewFrame(page: Page, name: string, after: number): Promise<void> {
  await page.waitForFunction(
    (label: string, seen: number) => {
      const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label}"]`);
      return !!video && video.getVideoPlaybackQuality().totalVideoFrames > seen;
    },
    { polling: 10, timeout: 60_000 },
    `Video of ${name}`,
    after,
  );
}
