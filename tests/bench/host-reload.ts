import type { Browser, Page } from 'puppeteer-core';
import { click, fill, hostNewMeeting, waitForVideoPlaying } from '../e2e/people.ts';

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
  return page.evaluate(() => {
    const label = 'video[aria-label="Video of Host"]';
    const before = document.querySelector<HTMLVideoElement>(label)?.srcObject ?? null;
    window.hostVideoBack = (async () => {
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      let video: HTMLVideoElement | null = null;
      while (!video?.srcObject || video.srcObject === before) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        video = document.querySelector<HTMLVideoElement>(label);
      }
      const shown = video;
      await new Promise((resolve) => shown.requestVideoFrameCallback(resolve));
      return Date.now();
    })();
  });
}

/** The host reloads its page -> the guest sees the host's video again, `runs` times. */
export async function benchHostReloads(
  browser: Browser,
  serverUrl: string,
  runs: number,
): Promise<number[]> {
  const { host, invite } = await hostNewMeeting(browser, serverUrl, 'Host');
  const guest = await (await browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', 'Guest');
  await click(guest, 'button', 'Join meeting');
  await waitForVideoPlaying(guest, 'Host');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await watchForHostReturn(guest);
    const start = Date.now();
    await host.reload();
    const back = await guest.evaluate(() => window.hostVideoBack!);
    times.push(back - start);
  }
  await host.close();
  await guest.close();
  return times;
}
