import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { PEERS_AWAY_TEXT } from '../../shared/ui/meeting/connection-status.ts';
import { say, waitForLine } from './chat.ts';
import { launchChromium } from './chromium.ts';
import {
  joinAs,
  RECONNECTING_BADGE,
  SERVER_AWAY,
  waitForBadge,
  waitForTextGone,
} from './faults.ts';
import { launchCuttableChromium, type CuttableBrowser } from './netns/cuttable-browser.ts';
import {
  markConnectionsUp,
  recordPeerConnections,
  waitForConnectionsFailed,
} from './netns/peer-connections.ts';
import {
  click,
  hostNewMeeting,
  inviteLinkOnScreen,
  waitForFramesRising,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
} from './people.ts';
import { startTestServer } from './server.ts';

const CAMERA_OFF_BADGE = 'camera off';

/** Long enough for ICE to notice (consent checks go unanswered for several seconds). */
const OUTAGE_MS = 10_000;

// Hana hosts and Ana joins from one Chromium on loopback; Ben joins from a Chromium in a network
// namespace of its own whose only link to ours is a veth pair the test can take down.
let server: RunningServer;
let port: number;
let browser: Browser;
let cuttable: CuttableBrowser;
const people = {} as Record<'Hana' | 'Ana' | 'Ben', Page>;
/** Joins once the server is back, and stays. */
let cleo: Page;
let invite: string;
let lobbyInvite: string;

const listen = () => startTestServer({ host: '0.0.0.0', port });
const loopbackUrl = () => `http://127.0.0.1:${port}`;

beforeAll(async () => {
  port = 0;
  server = await listen();
  port = Number(new URL(server.url).port);
  [browser, cuttable] = await Promise.all([launchChromium(), launchCuttableChromium(port)]);
});
afterAll(async () => {
  await browser?.close();
  await cuttable?.close();
  await server?.close();
});

const others = (self: keyof typeof people) =>
  (Object.keys(people) as (keyof typeof people)[]).filter((n) => n !== self);

/** Everyone's screen lists the three of them, and shows each other's video playing. */
async function everyoneSeesEveryone(): Promise<void> {
  for (const [self, page] of Object.entries(people) as [keyof typeof people, Page][]) {
    await waitForParticipants(page, [`${self} (you)`, ...others(self)]);
    for (const other of others(self)) await waitForVideoPlaying(page, other);
  }
}

/** Records, in the page, every participant tile that leaves the screen from now on. */
async function recordTilesLeaving(page: Page): Promise<void> {
  await page.evaluate(() => {
    const left: string[] = [];
    (window as unknown as { tilesLeft: string[] }).tilesLeft = left;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) {
          if (node instanceof HTMLElement && node.matches('li.tile')) {
            left.push(node.getAttribute('aria-label') ?? '');
          }
        }
      }
    }).observe(document.querySelector('ul[aria-label="Participants"]')!, { childList: true });
  });
}

const tilesLeft = (page: Page) =>
  page.evaluate(() => (window as unknown as { tilesLeft: string[] }).tilesLeft);

const statusText = (page: Page) =>
  page.$eval('main.meeting > p[role="status"]', (p) => p.textContent ?? '');

describe('faults in a three-person meeting', () => {
  it('a guest whose network is gone for 10 s is shown as reconnecting, stays, and comes back by itself', async () => {
    ({
      host: people.Hana,
      invite,
      lobbyInvite,
    } = await hostNewMeeting(browser, loopbackUrl(), 'Hana'));
    people.Ana = await (await browser.createBrowserContext()).newPage();
    people.Ben = await cuttable.browser.newPage();
    await recordPeerConnections(people.Ben);
    await joinAs(people.Ana, invite, 'Ana');
    await waitForParticipants(people.Hana, ['Hana (you)', 'Ana']);
    await joinAs(people.Ben, invite, 'Ben');
    await everyoneSeesEveryone();
    for (const page of Object.values(people)) await recordTilesLeaving(page);

    cuttable.setLink(false);
    const cutAt = Date.now();
    // The others see Ben's tile reconnecting, and only his.
    for (const self of ['Hana', 'Ana'] as const) {
      await waitForBadge(people[self], 'Ben', RECONNECTING_BADGE, true);
      const other = self === 'Hana' ? 'Ana' : 'Hana';
      await waitForBadge(people[self], other, RECONNECTING_BADGE, false);
    }
    // Ben sees everyone reconnecting, and is told why his screen froze.
    await waitForBadge(people.Ben, 'Hana', RECONNECTING_BADGE, true);
    await waitForBadge(people.Ben, 'Ana', RECONNECTING_BADGE, true);
    await waitForText(people.Ben, PEERS_AWAY_TEXT);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, cutAt + OUTAGE_MS - Date.now())),
    );
    cuttable.setLink(true);

    // Every link Ben has carries video again, both ways.
    for (const [self, other] of [
      ['Hana', 'Ben'],
      ['Ana', 'Ben'],
      ['Ben', 'Hana'],
      ['Ben', 'Ana'],
    ] as const) {
      await waitForBadge(people[self], other, RECONNECTING_BADGE, false);
      const [before, after] = await waitForFramesRising(people[self], other);
      expect(after, `${self} decodes ${other}'s video again`).toBeGreaterThan(before);
    }
    await everyoneSeesEveryone();
    expect(await statusText(people.Ben)).toBe('In the meeting.');
    // Nobody was dropped or told the meeting ended, not even for a moment.
    for (const page of Object.values(people)) expect(await tilesLeft(page)).toEqual([]);
  });

  it('the signaling server restarts: media keeps flowing, the screen says so, and a new guest joins after', async () => {
    await server.close();
    for (const page of Object.values(people)) await waitForText(page, SERVER_AWAY);
    // Peer to peer: every video keeps arriving while the server is away.
    for (const [self, page] of Object.entries(people) as [keyof typeof people, Page][]) {
      for (const other of others(self)) {
        const [before, after] = await waitForFramesRising(page, other);
        expect(after, `${self} decodes ${other}'s video with the server away`).toBeGreaterThan(
          before,
        );
      }
    }
    await everyoneSeesEveryone();

    server = await listen();
    // Everyone registers again by themselves; the invite link is offered again.
    for (const page of Object.values(people)) {
      await waitForTextGone(page, SERVER_AWAY);
      expect(await statusText(page)).toBe('In the meeting.');
    }
    expect(await inviteLinkOnScreen(people.Hana)).toBe(lobbyInvite);

    cleo = await (await browser.createBrowserContext()).newPage();
    await joinAs(cleo, invite, 'Cleo');
    await waitForParticipants(cleo, ['Hana', 'Ana', 'Ben', 'Cleo (you)']);
    for (const other of ['Hana', 'Ana', 'Ben']) await waitForVideoPlaying(cleo, other);
    await waitForParticipants(people.Ben, ['Hana', 'Ana', 'Ben (you)', 'Cleo']);
    await waitForVideoPlaying(people.Ben, 'Cleo');
  });
  it('a guest whose network is gone until every connection failed gets them all back: chat both ways, camera state, video', async () => {
    expect(await markConnectionsUp(people.Ben)).toBeGreaterThan(0);
    cuttable.setLink(false);
    // Meanwhile Hana writes to him and Ana turns her camera off.
    await say(people.Hana, 'Ben, can you read this?');
    await click(people.Ana, 'button', 'Camera');
    await waitForBadge(people.Ben, 'Hana', RECONNECTING_BADGE, true);
    await waitForConnectionsFailed(people.Ben);
    cuttable.setLink(true);

    // New connections, verified again, carry what he missed and what he says now.
    await waitForLine(people.Ben, 'Hana: Ben, can you read this?');
    await waitForBadge(people.Ben, 'Ana', CAMERA_OFF_BADGE, true);
    await say(people.Ben, 'Back again');
    await waitForLine(people.Hana, 'Ben: Back again');
    await waitForLine(people.Ana, 'Ben: Back again');
    await click(people.Ana, 'button', 'Camera');
    await waitForBadge(people.Ben, 'Ana', CAMERA_OFF_BADGE, false);
    // Every link Ben has carries video again, both ways: Cleo placed hers, so she places it again.
    const all = { ...people, Cleo: cleo };
    for (const [self, other] of [
      ['Hana', 'Ben'],
      ['Ana', 'Ben'],
      ['Cleo', 'Ben'],
      ['Ben', 'Hana'],
      ['Ben', 'Ana'],
      ['Ben', 'Cleo'],
    ] as const) {
      await waitForBadge(all[self], other, RECONNECTING_BADGE, false);
      const [before, after] = await waitForFramesRising(all[self], other);
      expect(after, `${self} decodes ${other}'s video again`).toBeGreaterThan(before);
      await waitForVideoPlaying(all[self], other);
    }
    await waitForParticipants(people.Ben, ['Hana', 'Ana', 'Ben (you)', 'Cleo']);
    expect(await statusText(people.Ben)).toBe('In the meeting.');
    for (const page of Object.values(people)) expect(await tilesLeft(page)).toEqual([]);
  });
});
