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
 * Where a tab is, or why it cannot say. Asking while the tab moves into the extension's process
 * can fail inside Firefox's remote agent (e.g. "right-hand side of 'in' should be an object"),
 * which Puppeteer's waitForFunction takes as final: so we ask again instead.
 */
function hrefOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch((error: Error) => `(${error.message})`);
}

/** Polls `look` until it finds something, or fails naming what it last saw. */
async function poll<T>(what: string, look: () => Promise<[T | undefined, string]>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  let seen = '';
  while (Date.now() < deadline) {
    const [found, description] = await look();
    if (found !== undefined) return found;
    seen = description;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`no ${what} within ${TIMEOUT_MS} ms; saw: ${seen}`);
}

/**
 * Opens an extension page in a new tab. Over BiDi, `goto` to a moz-extension URL never settles as
 * a navigation (the tab moves to the extension's process: Puppeteer rejects it with "Frame
 * detached" or never answers, yet the page works), so we wait for the page to say where it is.
 */
export async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url).catch(() => undefined);
  return poll(`tab at ${url}`, async () => {
    const href = await hrefOf(page);
    return [href === url ? page : undefined, href];
  });
}

/**
 * The tab whose address starts with `prefix`, once there is one. Puppeteer reports moz-extension
 * tabs as about:blank, so each tab is asked its `location.href`.
 */
export function waitForTabAt(browser: Browser, prefix: string): Promise<Page> {
  return poll(`tab at ${prefix}`, async () => {
    const pages = await browser.pages();
    const hrefs = await Promise.all(pages.map(hrefOf));
    return [pages[hrefs.findIndex((href) => href.startsWith(prefix))], hrefs.join(' | ')];
  });
}
