import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import type { ServerOptions } from '../../server/options.ts';
import { launchChromium } from './chromium.ts';
import { startTestServer } from './server.ts';

export interface Rig {
  server: RunningServer;
  browser: Browser;
  /** Set when the rig loads our built extension. */
  extensionId: string;
}

const EXTENSION_DIR = path.resolve('dist/extension/chrome-mv3');

/**
 * Our server on loopback and one Chromium (with the built extension when asked), started before
 * a file's tests and closed after them.
 */
export function useRig(
  options: { extension?: boolean; server?: () => Partial<ServerOptions> } = {},
): Rig {
  const rig = {} as Rig;
  beforeAll(async () => {
    rig.server = await startTestServer(options.server?.());
    rig.browser = await launchChromium({ extensions: options.extension });
    if (options.extension) rig.extensionId = await rig.browser.installExtension(EXTENSION_DIR);
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}
