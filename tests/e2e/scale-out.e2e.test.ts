import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { parseInvite } from '../../shared/core/meeting/invite.ts';
import { normalizeServerUrl, pickSignalingServer } from '../../shared/core/signaling/rendezvous.ts';
import { launchChromium } from './chromium.ts';
import {
  byRole,
  click,
  collectCspViolations,
  fill,
  hostNewMeeting,
  participantNames,
  waitForFramesRising,
  waitForParticipants,
  waitForText,
} from './people.ts';
import { startTestServer } from './server.ts';
import { startUpgradeCountingProxy, type UpgradeCountingProxy } from './upgrade-counting-proxy.ts';

/** Three of our servers side by side, sharing nothing; server 0 (A) serves the web app. */
const SERVER_NAMES = ['A', 'B', 'C'] as const;
const POLL = { interval: 50, timeout: 30_000 } as const;

let browser: Browser;
let doors: UpgradeCountingProxy[];
let servers: RunningServer[];
let signalingUrls: string[];
const cspViolations: string[] = [];

interface HostedMeeting {
  host: Page;
  hostName: string;
  invite: string;
  /** Index of the server rendezvous hashing puts this meeting on. */
  server: number;
}
let meeting1: HostedMeeting;
let meeting2: HostedMeeting;
/** Guests by name, once they have joined. */
const guests: Record<string, Page> = {};

beforeAll(async () => {
  // Each server stands behind a counting proxy, the address browsers use, so the test sees
  // from the server side which server every signaling socket reaches.
  doors = await Promise.all(SERVER_NAMES.map(() => startUpgradeCountingProxy()));
  signalingUrls = doors.map((door) => `${door.url}/peerjs`);
  const webAppOrigin = doors[0]!.url;
  servers = await Promise.all([
    startTestServer({ signalingServers: signalingUrls }),
    startTestServer({ allowedOrigins: [webAppOrigin] }),
    startTestServer({ allowedOrigins: [webAppOrigin] }),
  ]);
  servers.forEach((server, i) => doors[i]!.relayTo(server.url));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([...(servers ?? []), ...(doors ?? [])].map((s) => s.close()));
});

const upgradeCounts = () => doors.map((door) => door.upgrades.length);

/** Waits until, since `before`, exactly one more signaling socket has reached `server` alone. */
async function expectOneMoreSocketOn(server: number, before: number[], who: string) {
  const expected = before.map((count, i) => (i === server ? count + 1 : count));
  await expect
    .poll(upgradeCounts, { ...POLL, message: `${who} signals on ${SERVER_NAMES[server]}` })
    .toEqual(expected);
}

async function newPerson(): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  collectCspViolations(page, cspViolations);
  return page;
}

/** Hosts a meeting on the web app (server A) and finds which server it hashes to. */
async function hostMeeting(hostName: string): Promise<HostedMeeting> {
  const before = upgradeCounts();
  const hosted = await hostNewMeeting(browser, doors[0]!.url, hostName);
  collectCspViolations(hosted.host, cspViolations);
  const meetingId = parseInvite(hosted.invite)!.meetingId;
  const chosen = await pickSignalingServer(signalingUrls, meetingId);
  const server = signalingUrls.findIndex((url) => normalizeServerUrl(url) === chosen);
  // Invite links stay on the web app's origin, whichever server signals the meeting.
  expect(hosted.invite.startsWith(`${doors[0]!.url}/join#`)).toBe(true);
  await expectOneMoreSocketOn(server, before, hostName);
  return { ...hosted, hostName, server };
}

async function join(meeting: HostedMeeting, name: string): Promise<Page> {
  const guest = await newPerson();
  const before = upgradeCounts();
  await guest.goto(meeting.invite);
  await fill(guest, 'Your name', name);
  await click(guest, 'button', 'Join meeting');
  await expectOneMoreSocketOn(meeting.server, before, name);
  guests[name] = guest;
  return guest;
}

async function expectSeeEachOther(people: Record<string, Page>): Promise<void> {
  for (const [self, page] of Object.entries(people)) {
    const expected = Object.keys(people).map((n) => (n === self ? `${n} (you)` : n));
    await waitForParticipants(page, expected);
  }
  for (const [self, page] of Object.entries(people)) {
    for (const other of Object.keys(people).filter((n) => n !== self)) {
      const [before, after] = await waitForFramesRising(page, other);
      expect(after, `${self} decodes ${other}'s video`).toBeGreaterThan(before);
    }
  }
}

describe('several signaling servers side by side, sharing nothing', () => {
  it('puts meetings on different servers by rendezvous hashing, each with its people together', async () => {
    // New meetings until one hashes away from A (whose web app must stay up for the second
    // test) and another to a different server than that one.
    const hosted: HostedMeeting[] = [];
    while (!(meeting1 && meeting2)) {
      expect(hosted.length, 'meetings hosted before two landed apart').toBeLessThan(20);
      hosted.push(await hostMeeting(hosted.length % 2 ? 'Hugo' : 'Hana'));
      const first = hosted.find((m) => m.server !== 0);
      const second = first && hosted.find((m) => m.server !== first.server);
      if (first && second) [meeting1, meeting2] = [first, second];
    }
    for (const spare of hosted.filter((m) => m !== meeting1 && m !== meeting2)) {
      await spare.host.browserContext().close();
    }
    expect(meeting1.server).not.toBe(meeting2.server);

    const ana = await join(meeting1, 'Ana');
    const ben = await join(meeting2, 'Ben');
    await expectSeeEachOther({ [meeting1.hostName]: meeting1.host, Ana: ana });
    await expectSeeEachOther({ [meeting2.hostName]: meeting2.host, Ben: ben });
    expect(cspViolations).toEqual([]);
  }, 180_000);

  it('affects only its own meetings when one server stops: the others go on and admit people', async () => {
    expect(meeting1 && meeting2, 'the meetings of the first test').toBeTruthy();
    // The proxy first: it cuts the open signaling sockets, which the server's close waits for.
    await doors[meeting1.server]!.close();
    await servers[meeting1.server]!.close();

    const ben = guests.Ben!;
    await expectSeeEachOther({ [meeting2.hostName]: meeting2.host, Ben: ben });
    const cleo = await join(meeting2, 'Cleo');
    await expectSeeEachOther({ [meeting2.hostName]: meeting2.host, Ben: ben, Cleo: cleo });

    // A newcomer to meeting 1 loads the web app from A but cannot reach the meeting's server.
    const dan = await newPerson();
    await dan.goto(meeting1.invite);
    await fill(dan, 'Your name', 'Dan');
    await click(dan, 'button', 'Join meeting');
    await waitForText(dan, 'Cannot reach the meeting server');
    expect(await dan.$(byRole('button', 'Try again'))).not.toBeNull();
    expect(await participantNames(meeting1.host)).not.toContain('Dan');

    expect(cspViolations).toEqual([]);
  }, 180_000);
});
