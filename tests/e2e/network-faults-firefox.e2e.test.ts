import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { PEERS_AWAY_TEXT } from '../../shared/ui/meeting/connection-status.ts';
import { launchChromium } from './chromium.ts';
import { joinAs, RECONNECTING_BADGE, waitForBadge } from './faults.ts';
import { launchCuttableFirefox, type CuttableBrowser } from './netns/cuttable-browser.ts';
import {
  hostNewMeeting,
  waitForFramesRising,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
} from './people.ts';
import { startTestServer } from './server.ts';

// Hana hosts from Chromium on loopback; Ben joins from Firefox ESR in a network namespace of its
// own whose only link to ours is a veth pair the test can take down.
let server: RunningServer;
let browser: Browser;
let cuttable: CuttableBrowser;

beforeAll(async () => {
  server = await startTestServer({ host: '0.0.0.0', port: 0 });
  const port = Number(new URL(server.url).port);
  [browser, cuttable] = await Promise.all([launchChromium(), launchCuttableFirefox(port)]);
});
afterAll(async () => {
  await browser?.close();
  await cuttable?.close();
  await server?.close();
});

const statusText = (page: Page) =>
  page.$eval('main.meeting > p[role="status"]', (p) => p.textContent ?? '');

describe('a network fault with a Firefox guest', () => {
  it('a Firefox guest whose network is cut sees "Reconnecting…", and video comes back both ways by itself', async () => {
    const port = new URL(server.url).port;
    const { host: hana, invite } = await hostNewMeeting(
      browser,
      `http://127.0.0.1:${port}`,
      'Hana',
    );
    const ben = await cuttable.browser.newPage();
    await joinAs(ben, invite, 'Ben');
    await waitForParticipants(hana, ['Hana (you)', 'Ben']);
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await waitForVideoPlaying(hana, 'Ben');
    await waitForVideoPlaying(ben, 'Hana');

    cuttable.setLink(false);
    // The link stays down until both screens say so (Firefox notices later than Chromium).
    await waitForBadge(hana, 'Ben', RECONNECTING_BADGE, true);
    await waitForBadge(ben, 'Hana', RECONNECTING_BADGE, true);
    await waitForText(ben, PEERS_AWAY_TEXT);
    cuttable.setLink(true);

    for (const [self, page, other] of [
      ['Hana', hana, 'Ben'],
      ['Ben', ben, 'Hana'],
    ] as const) {
      await waitForBadge(page, other, RECONNECTING_BADGE, false);
      const [before, after] = await waitForFramesRising(page, other);
      expect(after, `${self} decodes ${other}'s video again`).toBeGreaterThan(before);
      await waitForVideoPlaying(page, other);
    }
    await waitForParticipants(hana, ['Hana (you)', 'Ben']);
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    expect(await statusText(ben)).toBe('In the meeting.');
  });
});
