import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';

/** Phone and laptop: the sizes every screen is looked at in. */
export const VIEWPORTS = [
  { label: '360x740', width: 360, height: 740 },
  { label: '1280x800', width: 1280, height: 800 },
] as const;

const DIR = path.resolve('test-artifacts');

/** Saves `page` at each viewport to test-artifacts/<name>-<size>.png (git-ignored). */
export async function saveScreens(page: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const before = page.viewport();
  for (const { label, width, height } of VIEWPORTS) {
    await page.setViewport({ width, height });
    await page.screenshot({ path: path.join(DIR, `${name}-${label}.png`) });
  }
  if (before) await page.setViewport(before);
}
