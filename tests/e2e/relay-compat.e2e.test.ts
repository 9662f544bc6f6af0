import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { launchChromium } from './chromium.ts';
import { startTestServer } from './server.ts';

// The unmodified peerjs 1.5.5 client, in Chromium, through our relay.
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function peerPage(): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  // The injected scripts are inline; our server's CSP rightly forbids that.
  await page.setBypassCSP(true);
  await page.goto(`${server.url}/config.json`);
  await page.addScriptTag({ path: path.resolve('node_modules/peerjs/dist/peerjs.min.js') });
  await page.addScriptTag({ path: path.resolve('tests/e2e/relay-compat/signaling-identity.js') });
  await page.addScriptTag({ path: path.resolve('tests/e2e/relay-compat/peer-page.js') });
  return page;
}

declare global {
  interface Window {
    relayCompat: {
      state: { received: unknown[]; callStates: string[]; errors: string[] };
      register(serverUrl: string): Promise<string>;
      sendAndAwaitEcho(target: string, text: string): Promise<unknown>;
      call(target: string): Promise<void>;
    };
  }
}

describe('the peerjs 1.5.5 client through our relay', () => {
  it('registers with a proof token, exchanges data and connects a call', async () => {
    const [alice, bob] = await Promise.all([peerPage(), peerPage()]);
    const register = (page: Page) =>
      page.evaluate((url) => window.relayCompat.register(url), server.url);
    const [, bobId] = await Promise.all([register(alice), register(bob)]);
    expect(server.relay.stats().registered).toBe(2);

    const echo = await alice.evaluate(
      (target) => window.relayCompat.sendAndAwaitEcho(target, 'hello over raw'),
      bobId,
    );
    expect(echo).toBe('echo hello over raw');
    expect(await bob.evaluate(() => window.relayCompat.state.received)).toEqual(['hello over raw']);

    await alice.evaluate((target) => window.relayCompat.call(target), bobId);
    for (const page of [alice, bob]) {
      await page.waitForFunction(() => window.relayCompat.state.callStates.includes('connected'), {
        polling: 50,
        timeout: 20_000,
      });
    }
    for (const page of [alice, bob]) {
      expect(await page.evaluate(() => window.relayCompat.state.errors)).toEqual([]);
    }
    // Nothing the real client sent was refused or dropped.
    const stats = server.relay.stats();
    expect(stats.badFrames).toBe(0);
    expect(Object.values(stats.dropped).every((n) => n === 0)).toBe(true);
  });
});
