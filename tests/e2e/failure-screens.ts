import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';

const DIR = path.resolve('test-artifacts', 'failures');
const open = new Set<Browser>();

/** Remembers a browser so a failing test leaves a picture and the text of each of its pages. */
export function watchBrowser(browser: Browser): Browser {
  open.add(browser);
  browser.once('disconnected', () => open.delete(browser));
  return browser;
}

/** Saves every watched page as test-artifacts/failures/<test>-<n>.png and .txt. */
export async function saveFailureScreens(testName: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const name = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  let n = 0;
  for (const browser of open) {
    for (const page of await browser.pages().catch(() => [])) {
      const file = path.join(DIR, `${name}-${n++}`);
      const text = await page
        .evaluate(() => `${location.href}\n\n${document.body?.innerText ?? ''}`)
        .catch((error: unknown) => `(unreadable: ${String(error)})`);
      writeFileSync(`${file}.txt`, text);
      await page.screenshot({ path: `${file}.png` }).catch(() => undefined);
    }
  }
}
