import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefox } from './firefox.ts';

const EXTENSION_DIR = path.resolve('dist/extension/firefox-mv3');
const POLL_MS = 50;
const TIMEOUT_MS = 30_000;

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`, pinned before launch. */
  extensionOrigin: string;
}

function geckoId(dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}/manifest.json names no gecko id`);
  return id;
}

/**
 * Firefox with our built extension. Firefox picks a random UUID for an extension's origin and
 * automation cannot list extensions, so the UUID is pinned by pref before launch; opening
 * moz-extension:// pages needs system access for the remote agent (TOOLCHAIN.md).
 */
export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  const id = geckoId(EXTENSION_DIR);
  const uuid = randomUUID();
  const browser = await launchFirefox({
    systemAccess: true,
    prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }) },
  });
  const installed = await browser.installExtension(EXTENSION_DIR);
  if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
  return { browser, extensionOrigin: `moz-extension://${uuid}` };
}

/**
 * Opens an extension page in a new tab. Over BiDi, `goto` to a moz-extension URL never resolves
 * (the tab moves to the extension's process and puppeteer loses the navigation), so it is left
 * running and we wait for the page itself to say where it is.
 */
export async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url).catch(() => undefined);
  await page.waitForFunction((u: string) => location.href === u, { polling: POLL_MS }, url);
  return page;
}

/**
 * The tab whose address starts with `prefix`, once there is one. Puppeteer reports moz-extension
 * tabs as about:blank, so each tab is asked its `location.href`; tabs that close or navigate
 * while we ask are skipped.
 */
export async function waitForTabAt(browser: Browser, prefix: string): Promise<Page> {
  const deadline = Date.now() + TIMEOUT_MS;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    const pages = await browser.pages();
    seen = await Promise.all(
      pages.map((page) => page.evaluate(() => location.href).catch((e: Error) => e.message)),
    );
    const index = seen.findIndex((href) => href.startsWith(prefix));
    if (index >= 0) return pages[index]!;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`no tab at ${prefix} within ${TIMEOUT_MS} ms; tabs: ${seen.join(' | ')}`);
}
