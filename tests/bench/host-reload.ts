import type { Page } from 'puppeteer-core';
import { click, fill, hostNewMeeting, waitForVideoPlaying } from '../e2e/people.ts';
import type { StepScope } from './steps.ts';

/** How long the guest waits for the host's video to come back before the step fails. */
const RETURN_LIMIT_MS = 30_000;

declare global {
  interface Window {
    hostVideoBack?: Promise<number>;
  }
}

/**
 * In the guest's page: resolves with the wall-clock time at which a frame of the host's video
 * from a new stream (the host's page came back) is presented.
 */
function watchForHostReturn(page: Page): Promise<void> {
  return page.evaluate((limitMs: number) => {
    const label = 'video[aria-label="Video of Host"]';
    const before = document.querySelector<HTMLVideoElement>(label)?.srcObject ?? null;
    const start = performance.now();
    window.hostVideoBack = (async () => {
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      let video: HTMLVideoElement | null = null;
      while (!video?.srcObject || video.srcObject === before) {
        if (performance.now() - start > limitMs) {
          throw new Error(`the guest saw no new video of the host within ${limitMs / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
        video = document.querySelector<HTMLVideoElement>(label);
      }
      const shown = video;
      await new Promise((resolve) => shown.requestVideoFrameCallback(resolve));
      return Date.now();
    })();
  }, RETURN_LIMIT_MS);
}

/**
 * The host reloads its page and starts the meeting again from the pre-join screen it comes
 * back to (clicked as soon as it shows) -> the guest sees the host's video again, `runs` times.
 */
export async function benchHostReloads(
  scope: StepScope,
  serverUrl: string,
  runs: number,
): Promise<number[]> {
  const browser = await scope.chromium();
  scope.doing = 'the host starting and the guest joining';
  const { host, invite } = await hostNewMeeting(browser, serverUrl, 'Host');
  const guest = await (await browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', 'Guest');
  await click(guest, 'button', 'Join meeting');
  await waitForVideoPlaying(guest, 'Host');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    scope.doing = `reload ${i + 1} of ${runs}`;
    await watchForHostReturn(guest);
    // As a person would: the tab they reload is the one in front.
    await host.bringToFront();
    const start = Date.now();
    await host.reload({ waitUntil: 'domcontentloaded' });
    await click(host, 'button', 'Start meeting');
    const back = await guest.evaluate(() => window.hostVideoBack!);
    times.push(back - start);
    await waitForVideoPlaying(guest, 'Host');
  }
  return times;
}
