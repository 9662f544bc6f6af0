import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import {
  click,
  connectionDetails,
  fill,
  hostNewMeeting,
  waitForFramesRising,
  waitForParticipants,
} from './people.ts';
import { startTestServer } from './server.ts';

let server: RunningServer;
let chromium: Browser;
let firefox: Browser;

beforeAll(async () => {
  [server, chromium, firefox] = await Promise.all([
    startTestServer(),
    launchChromium(),
    launchFirefox(),
  ]);
});
afterAll(async () => {
  await Promise.all([chromium?.close(), firefox?.close()]);
  await server?.close();
});

async function join(browser: Browser, invite: string, name: string): Promise<Page> {
  const guest = await (await browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', name);
  await click(guest, 'button', 'Join meeting');
  return guest;
}

/** `page` shows `other`'s video with frames still coming, over a connected DTLS transport. */
async function expectVideoFrom(page: Page, other: string): Promise<void> {
  const [before, after] = await waitForFramesRising(page, other);
  expect(after, `decodes ${other}'s video`).toBeGreaterThan(before);
  const details = await connectionDetails(page, other);
  expect(details.DTLS).toBe('connected');
  expect(details['SRTP cipher']).toMatch(/AES/);
}

describe('Firefox in a meeting with Chromium', () => {
  it('joins a Chromium host as a guest, and both see each other', async () => {
    const { host, invite } = await hostNewMeeting(chromium, server.url, 'Hana');
    const guest = await join(firefox, invite, 'Ana');
    await waitForParticipants(guest, ['Hana', 'Ana (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await expectVideoFrom(guest, 'Hana');
    await expectVideoFrom(host, 'Ana');
  });

  it('hosts a meeting that a Chromium guest joins, and both see each other', async () => {
    const { host, invite } = await hostNewMeeting(firefox, server.url, 'Hana');
    const guest = await join(chromium, invite, 'Ana');
    await waitForParticipants(guest, ['Hana', 'Ana (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await expectVideoFrom(guest, 'Hana');
    await expectVideoFrom(host, 'Ana');
  });
});
