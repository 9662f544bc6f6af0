import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { byRole, click, fill } from './people.ts';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
const ARTIFACTS = path.resolve('test-artifacts');
const POLL = { polling: 50, timeout: 30_000 } as const;

/** Saves what the person sees, for a human to look at (test-artifacts/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { width } = page.viewport() ?? DESKTOP;
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) });
}

/** A page in a fresh context at a given size that records its peer connections. */
export async function newPerson(
  browser: Browser,
  size: { width: number; height: number },
): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(size);
  await page.evaluateOnNewDocument(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = all;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        all.push(this);
      }
    };
  });
  return page;
}

export interface SentTrack {
  kind: string;
  deviceId: string | undefined;
  label: string;
}

/** The tracks this page sends on its connected media connections (senders with a track). */
export function sentTracks(page: Page): Promise<SentTrack[]> {
  return page.evaluate(() =>
    (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
      .filter((pc) => pc.connectionState === 'connected' && pc.getTransceivers().length > 0)
      .flatMap((pc) => pc.getSenders())
      .filter((s) => s.track)
      .map((s) => ({
        kind: s.track!.kind,
        deviceId: s.track!.getSettings().deviceId,
        label: s.track!.label,
      })),
  );
}

/** Picks an option of a labelled <select> by the text a person reads. */
export async function chooseOption(page: Page, label: string, optionText: string): Promise<string> {
  const select = await page.waitForSelector(byRole('combobox', label));
  await page.waitForFunction(
    (el: Element, text: string) =>
      [...(el as HTMLSelectElement).options].some((o) => o.text === text),
    POLL,
    select!,
    optionText,
  );
  const value = await select!.evaluate(
    (el, text) => [...(el as HTMLSelectElement).options].find((o) => o.text === text)!.value,
    optionText,
  );
  await select!.select(value);
  return value;
}

export async function joinAsGuest(
  page: Page,
  invite: string,
  name: string,
  options: { cameraOff?: boolean } = {},
): Promise<void> {
  if (page.url() !== invite) await page.goto(invite);
  await fill(page, 'Your name', name);
  if (options.cameraOff) {
    await page.waitForSelector('video[aria-label="Your camera preview"]:not(.hidden)');
    await click(page, 'button', 'Camera');
    await page.waitForSelector('button[aria-label="Camera"][aria-pressed="false"]');
  }
  await click(page, 'button', 'Join meeting');
}

/** Waits until the tile of `name` plays a video of this width (a screen is 800, a camera 640). */
export async function waitForVideoWidth(page: Page, name: string, width: number): Promise<void> {
  await page.waitForFunction(
    (label: string, w: number) => {
      const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label}"]`);
      return !!video && !video.paused && video.videoWidth === w;
    },
    POLL,
    `Video of ${name}`,
    width,
  );
}

/** The short authentication string the open verification panel shows, as text. */
export async function shownCode(page: Page): Promise<string> {
  const digits = await page.waitForSelector('.sas-digits', { timeout: 30_000 });
  const pictures = await page.$eval('ol[aria-label="Pictures"]', (ol) => ol.textContent ?? '');
  return `${pictures} ${await digits!.evaluate((el) => el.getAttribute('aria-label'))}`;
}

/** Whether the whole element lies inside the viewport. */
export function insideViewport(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
}
