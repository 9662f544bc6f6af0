import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser } from './find-browser.ts';
import { watchBrowser } from './failure-screens.ts';

export function findChromium(): string {
  return findBrowser(
    'Chromium',
    'CHROMIUM_PATH',
    ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
    'chromium',
  );
}

/** Flags that keep WebRTC on loopback with a fake camera and microphone (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** A person who refuses camera and microphone (ICE still gathers loopback candidates). */
const DENY_MEDIA_ARGS = [
  '--deny-permission-prompts',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export async function launchChromium(
  options: { extensions?: boolean; denyMedia?: boolean; userDataDir?: string } = {},
): Promise<Browser> {
  const args = options.denyMedia
    ? [...CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream'), ...DENY_MEDIA_ARGS]
    : CHROMIUM_ARGS;
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: options.extensions ?? false,
    enableExtensions: options.extensions ?? false,
    userDataDir: options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'conclave-chromium-')),
    args,
  });
  return watchBrowser(browser);
}
