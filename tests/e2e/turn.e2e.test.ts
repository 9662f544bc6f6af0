import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { mintTurnCredential } from '../../server/turn/credentials.ts';
import { launchChromium } from './chromium.ts';
import { startCoturn, type Coturn } from './coturn.ts';
import { launchFirefox } from './firefox.ts';
import {
  byRole,
  click,
  connectionDetails,
  fill,
  issuePersonalLink,
  saveExtensionSettings,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
} from './people.ts';
import { startTestServer } from './server.ts';

const LIFETIME_SECONDS = 600;
const RELAY_ONLY = 'Relay-only mode';
const RELAY_ONLY_STATUS = 'Relay-only mode is on';
const EXTENSION_DIR = path.resolve('dist/extension/chrome-mv3');

let coturn: Coturn;
let server: RunningServer;
let chromium: Browser;
let extensionId: string;
let firefox: Browser;

beforeAll(async () => {
  coturn = await startCoturn();
  [server, chromium, firefox] = await Promise.all([
    startTestServer({
      turn: { urls: [coturn.url], secret: coturn.secret, lifetimeSeconds: LIFETIME_SECONDS },
    }),
    launchChromium({ extensions: true }),
    launchFirefox(),
  ]);
  extensionId = await chromium.installExtension(EXTENSION_DIR);
});
afterAll(async () => {
  await Promise.all([chromium?.close(), firefox?.close()]);
  await server?.close();
  await coturn?.stop();
});

/** Every RTCPeerConnection the page makes (PeerJS's data and media connections), for getStats. */
async function recordPeerConnections(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const made: RTCPeerConnection[] = [];
    (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = made;
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        made.push(this);
      }
    };
  });
}

interface ConnectionReport {
  policy: RTCIceTransportPolicy | undefined;
  usernames: string[];
  /** Candidate types of each selected or nominated pair that succeeded: `local/remote`. */
  pairs: string[];
  /** Types of every candidate this side offered, and of every one the other side offered. */
  localTypes: string[];
  remoteTypes: string[];
}

/** Reads every connected peer connection of the page: its configuration and its chosen pairs. */
async function connectedPeerConnections(page: Page): Promise<ConnectionReport[]> {
  return page.evaluate(async () => {
    const made = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
    const connected = made.filter((pc) => pc.connectionState === 'connected');
    return Promise.all(
      connected.map(async (pc) => {
        const report = await pc.getStats();
        const stats = [...report.values()] as Record<string, unknown>[];
        const selected = new Set(
          stats.filter((s) => s.type === 'transport').map((s) => s.selectedCandidatePairId),
        );
        const pairs = stats
          .filter(
            (s) =>
              s.type === 'candidate-pair' &&
              s.state === 'succeeded' &&
              (s.nominated === true || s.selected === true || selected.has(s.id)),
          )
          .map((pair) => {
            const type = (id: unknown) =>
              String(
                (report.get(String(id)) as { candidateType?: string } | undefined)?.candidateType,
              );
            return `${type(pair.localCandidateId)}/${type(pair.remoteCandidateId)}`;
          });
        const typesOf = (kind: string) => [
          ...new Set(stats.filter((s) => s.type === kind).map((s) => String(s.candidateType))),
        ];
        const configuration = pc.getConfiguration();
        return {
          policy: configuration.iceTransportPolicy,
          usernames: (configuration.iceServers ?? []).map((s) => String(s.username)),
          pairs,
          localTypes: typesOf('local-candidate'),
          remoteTypes: typesOf('remote-candidate'),
        };
      }),
    );
  });
}

/** Waits until the relay-only switch has loaded the saved setting, then sets it if asked. */
async function relayOnlySwitch(page: Page, turnOn: boolean): Promise<boolean> {
  const checkbox = await page.waitForSelector(byRole('checkbox', RELAY_ONLY));
  await page.waitForFunction(
    (box) => !(box as HTMLInputElement).disabled,
    { polling: 50 },
    checkbox,
  );
  if (turnOn) await checkbox!.click();
  return checkbox!.evaluate((box) => (box as HTMLInputElement).checked);
}

/**
 * Opens the PWA in a fresh context with relay-only set in its lobby as the person chooses it,
 * then goes on to `url` (an invite opens on the pre-join screen, which has no such switch).
 */
async function openPwaLobby(
  browser: Browser,
  origin: string,
  relayOnly: boolean,
  url = `${origin}/`,
): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await recordPeerConnections(page);
  await page.goto(`${origin}/`);
  expect(await relayOnlySwitch(page, relayOnly)).toBe(relayOnly);
  if (url !== `${origin}/`) await page.goto(url);
  return page;
}

/**
 * The extension, set up on its options page (our server, relay-only on), opens its meeting
 * page; the lobby there shows relay-only as saved.
 */
async function openExtensionLobby(): Promise<Page> {
  const options = await chromium.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await saveExtensionSettings(options, `${server.url}/peerjs`);
  expect(await relayOnlySwitch(options, true)).toBe(true);
  const page = await chromium.newPage();
  await recordPeerConnections(page);
  await page.goto(`chrome-extension://${extensionId}/meeting.html`);
  expect(await relayOnlySwitch(page, false)).toBe(true);
  await options.close();
  return page;
}

/** Hana hosts in Chromium, Ana joins from Firefox; both see the other's video playing. */
async function meeting(
  relayOnly: boolean,
  hostIn: 'extension' | 'pwa',
): Promise<{ hana: Page; ana: Page }> {
  const hana =
    hostIn === 'extension'
      ? await openExtensionLobby()
      : await openPwaLobby(chromium, server.url, relayOnly);
  await fill(hana, 'Your name', 'Hana');
  await click(hana, 'button', 'New meeting');
  await click(hana, 'button', 'Start meeting');
  await waitForText(hana, 'In the meeting.');
  const invite = await issuePersonalLink(hana, 'Ana');
  const ana = await openPwaLobby(firefox, server.url, relayOnly, invite);
  await fill(ana, 'Your name', 'Ana');
  await click(ana, 'button', 'Join meeting');
  await waitForParticipants(hana, ['Hana (you)', 'Ana']);
  await waitForParticipants(ana, ['Hana', 'Ana (you)']);
  await waitForVideoPlaying(hana, 'Ana');
  await waitForVideoPlaying(ana, 'Hana');
  return { hana, ana };
}

async function closeMeeting(...pages: Page[]): Promise<void> {
  for (const page of pages) {
    const context = page.browserContext();
    // Extension pages live in the default context, which stays open.
    await (context === chromium.defaultBrowserContext() ? page.close() : context.close());
  }
}

/** What one gathering with these credentials yields: candidate types and ICE error codes. */
async function gatherRelay(page: Page, iceServer: RTCIceServer) {
  return page.evaluate(async (server: RTCIceServer) => {
    const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
    const types: string[] = [];
    const errors: number[] = [];
    pc.addEventListener('icecandidate', (e) => e.candidate && types.push(String(e.candidate.type)));
    pc.addEventListener('icecandidateerror', (e) => errors.push(e.errorCode));
    const complete = new Promise<void>((resolve) =>
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      }),
    );
    pc.createDataChannel('probe');
    await pc.setLocalDescription(await pc.createOffer());
    await complete;
    pc.close();
    return { types, errors };
  }, iceServer);
}

describe('TURN relay through coturn on loopback', () => {
  it('in relay-only mode, connects the Chromium extension and Firefox only over relay candidates', async () => {
    const { hana, ana } = await meeting(true, 'extension');
    await waitForText(hana, RELAY_ONLY_STATUS);
    await waitForText(ana, RELAY_ONLY_STATUS);
    // What the person sees in the connection details, then every connection of both pages.
    expect((await connectionDetails(hana, 'Ana')).Route).toBe('relay to relay');
    expect((await connectionDetails(ana, 'Hana')).Route).toBe('relay to relay');
    const nowSeconds = Date.now() / 1000;
    for (const [who, page] of [
      ['Hana', hana],
      ['Ana', ana],
    ] as const) {
      const connections = await connectedPeerConnections(page);
      // One data and one media connection each way of the call.
      expect(connections.length, who).toBeGreaterThanOrEqual(2);
      for (const connection of connections) {
        expect(connection.policy, who).toBe('relay');
        expect(connection.pairs.length, who).toBeGreaterThan(0);
        expect(
          connection.pairs.every((pair) => pair === 'relay/relay'),
          `${who}: ${connection.pairs}`,
        ).toBe(true);
        // Neither side ever offered the other an address of its own.
        expect(connection.localTypes, who).toEqual(['relay']);
        expect(connection.remoteTypes.length, who).toBeGreaterThan(0);
        expect(
          connection.remoteTypes.filter((type) => type === 'host' || type === 'srflx'),
          who,
        ).toEqual([]);
        // The credential is a minted one: its username starts with an expiry in the lifetime.
        const [expiry] = connection.usernames.map((name) => Number(name.split(':')[0]));
        expect(expiry).toBeGreaterThan(nowSeconds);
        expect(expiry).toBeLessThanOrEqual(nowSeconds + LIFETIME_SECONDS + 1);
      }
    }
    await closeMeeting(hana, ana);
  });

  it('with relay-only off, offers each the other’s own addresses (what relay-only hides)', async () => {
    const { hana, ana } = await meeting(false, 'pwa');
    for (const page of [hana, ana]) {
      expect(await page.evaluate(() => document.body.innerText)).not.toContain(RELAY_ONLY_STATUS);
      const connections = await connectedPeerConnections(page);
      expect(connections.length).toBeGreaterThanOrEqual(2);
      for (const connection of connections) {
        expect(connection.policy).toBe('all');
        expect(connection.pairs.length).toBeGreaterThan(0);
        // ICE may pick any pair that works (direct on an idle machine), but the addresses are out.
        expect(connection.localTypes).toContain('host');
        // Firefox may learn the other's address from its checks first (peer-reflexive).
        expect(connection.remoteTypes.some((type) => type === 'host' || type === 'prflx')).toBe(
          true,
        );
      }
    }
    await closeMeeting(hana, ana);
  });

  it('coturn allocates with a minted credential, and refuses a tampered or expired one', async () => {
    const page = await (await chromium.createBrowserContext()).newPage();
    await page.goto(`${server.url}/`);
    const config = await page.evaluate(async () => {
      const response = await fetch('/config.json');
      return (await response.json()) as { iceServers: RTCIceServer[] };
    });
    const minted = config.iceServers.find((s) => String(s.urls).startsWith('turn:'))!;
    const valid = await gatherRelay(page, minted);
    expect(valid.types).toContain('relay');

    const credential = String(minted.credential);
    const tampered = {
      ...minted,
      credential: (credential[0] === 'A' ? 'B' : 'A') + credential.slice(1),
    };
    const expiredAt = Math.floor(Date.now() / 1000) - 60;
    const expired = { urls: minted.urls, ...mintTurnCredential(coturn.secret, expiredAt) };
    for (const refused of [tampered, expired]) {
      const result = await gatherRelay(page, refused);
      expect(result.types).toEqual([]);
      expect(result.errors).toContain(401);
    }
    await page.browserContext().close();
  });

  it('tells the person at once when relay-only is on and the server has no TURN relay', async () => {
    const withoutTurn = await startTestServer();
    const page = await openPwaLobby(chromium, withoutTurn.url, true);
    await fill(page, 'Your name', 'Hana');
    await click(page, 'button', 'New meeting');
    await click(page, 'button', 'Start meeting');
    const alert = await page.waitForSelector(byRole('alert', ''));
    expect(await alert!.evaluate((el) => el.textContent)).toContain(
      'Relay-only mode is on, but no TURN relay is configured',
    );
    await page.waitForSelector(byRole('button', 'Try again'));
    // Refused before anything was tried: not even the signaling server was contacted.
    expect(withoutTurn.relay.stats().sockets).toBe(0);
    await page.browserContext().close();
    await withoutTurn.close();
  });
});
