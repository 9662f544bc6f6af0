import type { Browser, Page } from 'puppeteer-core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { EXTENSION_ORIGINS } from '../../server/options.ts';
import { launchChromium } from './chromium.ts';
import {
  launchFirefoxWithExtension,
  openExtensionPage,
  waitForTabAt,
} from './firefox-extension.ts';
import { say, waitForLine } from './chat.ts';
import { everythingKept } from './extension-storage.ts';
import { pickFromFirefoxContextMenu, pressInFirefox } from './firefox-window.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { expectInterceptionCaught } from './interception.ts';
import {
  byRole,
  click,
  collectCspViolations,
  connectionDetails,
  fill,
  hostNewMeeting,
  saveExtensionSettings,
  textboxValue,
  waitForFramesRising,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
  meetingTitleInTab,
} from './people.ts';
import { startTestServer } from './server.ts';
import { mediaRequests, recordMediaRequests } from './media-requests.ts';

let evil: HostileServer;
let server: RunningServer;
let chromium: Browser;
// One Firefox for the whole file (it takes seconds to start): web pages run in it as in any
// Firefox; the extension is there for the test that uses it.
let firefox: Browser;
let extensionOrigin: string;

/** The extension API, as the Firefox extension's own pages see it. */
declare const browser: {
  action: { getBadgeText(details: object): Promise<string> };
  extension: { getViews(filter: { type: 'popup' }): Window[] };
};

beforeAll(async () => {
  evil = await startHostileServer({ impersonate: true });
  const [started, chromiumLaunched, firefoxLaunched] = await Promise.all([
    startTestServer({ allowedOrigins: [...EXTENSION_ORIGINS, evil.url] }),
    launchChromium(),
    launchFirefoxWithExtension(),
  ]);
  server = started;
  chromium = chromiumLaunched;
  ({ browser: firefox, extensionOrigin } = firefoxLaunched);
});
// Each test's meeting ends with it: two cores cannot also encode and decode every earlier call.
afterEach(async () => {
  const opened = [chromium, firefox].flatMap((browser) =>
    browser.browserContexts().filter((context) => context !== browser.defaultBrowserContext()),
  );
  await Promise.all(opened.map((context) => context.close()));
});
afterAll(async () => {
  await Promise.all([chromium?.close(), firefox?.close()]);
  await server?.close();
  await evil?.close();
});

async function join(
  browser: Browser,
  invite: string,
  name: string,
  cspViolations: string[],
  before: (guest: Page) => Promise<void> = async () => undefined,
): Promise<Page> {
  const guest = await (await browser.createBrowserContext()).newPage();
  await collectCspViolations(guest, cspViolations);
  await before(guest);
  await guest.goto(invite);
  await fill(guest, 'Your name', name);
  await click(guest, 'button', 'Join meeting');
  return guest;
}

/**
 * Everyone sees everyone else listed by name, and their video playing with frames still coming
 * over a connected DTLS transport.
 */
async function expectAllSeeEachOther(everyone: Record<string, Page>): Promise<void> {
  const names = Object.keys(everyone);
  for (const [self, page] of Object.entries(everyone)) {
    await waitForParticipants(
      page,
      names.map((n) => (n === self ? `${n} (you)` : n)),
    );
  }
  for (const [self, page] of Object.entries(everyone)) {
    for (const other of names.filter((n) => n !== self)) {
      const [before, after] = await waitForFramesRising(page, other);
      expect(after, `${self} decodes ${other}'s video`).toBeGreaterThan(before);
      const details = await connectionDetails(page, other);
      expect(details.DTLS, `${self} <-> ${other}`).toBe('connected');
      expect(details['SRTP cipher']).toMatch(/AES/);
      await waitForVideoPlaying(page, other);
    }
  }
}

/** The person last joined with camera and microphone off (as the PWA keeps it); asks recorded. */
async function bothOffLastTime(guest: Page): Promise<void> {
  await guest.evaluateOnNewDocument(
    `location.origin === ${JSON.stringify(server.url)} &&
      localStorage.setItem('conclave.devicesOnJoin', '{"audio":false,"video":false}')`,
  );
  await recordMediaRequests(guest);
}

describe('Firefox in a meeting with Chromium', () => {
  it('joins a Chromium host as a guest with camera and microphone off, opening neither; turned on, both see each other', async () => {
    const cspViolations: string[] = [];
    const { host, invite } = await hostNewMeeting(chromium, server.url, 'Hana', cspViolations);
    const ana = await join(firefox, invite, 'Ana', cspViolations, bothOffLastTime);
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await host.waitForSelector('li[aria-label="Ana"] .badge::-p-text(camera off)');
    await host.waitForSelector('li[aria-label="Ana"] .badge::-p-text(muted)');
    expect(await mediaRequests(ana)).toEqual([]);

    await click(ana, 'button', 'Camera');
    await expectAllSeeEachOther({ Hana: host, Ana: ana });
    await click(ana, 'button', 'Microphone');
    await host.waitForFunction(
      () => !document.querySelector('li[aria-label="Ana"]')?.textContent?.includes('muted'),
      { polling: 50, timeout: 10_000 },
    );
    expect(await mediaRequests(ana)).toEqual([['video'], ['audio']]);
    expect(cspViolations).toEqual([]);
  });

  // Ben's link to Ana is checked against the host's signed roster, not by the admission handshake.
  it('hosts a meeting that a Chromium and a Firefox guest join, and all see each other', async () => {
    const cspViolations: string[] = [];
    const { host, invite } = await hostNewMeeting(firefox, server.url, 'Hana', cspViolations);
    const ana = await join(chromium, invite, 'Ana', cspViolations);
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    const ben = await join(firefox, invite, 'Ben', cspViolations);
    await expectAllSeeEachOther({ Hana: host, Ana: ana, Ben: ben });
    expect(cspViolations).toEqual([]);
  });

  it('runs the Firefox extension’s meeting page, joined from its popup, chat and a file included', async () => {
    const options = await openExtensionPage(firefox, `${extensionOrigin}/options.html`);
    await fill(options, 'Signaling servers', `${server.url}/peerjs`);
    await click(options, 'button', 'Test connection');
    await waitForText(options, `${server.url}/peerjs: answers`);
    await click(options, 'button', 'Save');
    await waitForText(options, 'Saved.');
    await options.close();

    const { host, invite } = await hostNewMeeting(chromium, server.url, 'Hana');
    // Firefox cannot click the toolbar button under automation: its popup opens as a tab.
    const popup = await openExtensionPage(firefox, `${extensionOrigin}/popup.html`);
    await waitForText(popup, `Server ${new URL(server.url).host}: answers`);
    await fill(popup, 'Your name', 'Ben');
    await fill(popup, 'Invite link', invite);
    await click(popup, 'button', 'Join');
    // One click: the popup's Join goes straight into the meeting.
    const ben = await waitForTabAt(firefox, `${extensionOrigin}/meeting.html#join&`);

    await expectAllSeeEachOther({ Hana: host, Ben: ben });
    await say(ben, 'hello from the Firefox extension');
    await waitForLine(host, 'Ben: hello from the Firefox extension');
    await say(host, 'hello Ben, privately', 'Ben (privately)');
    await waitForLine(ben, 'Hana (privately to you): hello Ben, privately');

    // A file from the extension, accepted in the PWA and saved by a click: the same bytes.
    const dir = mkdtempSync(path.join(tmpdir(), 'conclave-ff-file-'));
    const bytes = randomBytes(300 * 1024);
    writeFileSync(path.join(dir, 'notes.bin'), bytes);
    const picker = await ben.waitForSelector('#chat-panel input[type="file"]');
    await picker!.uploadFile(path.join(dir, 'notes.bin'));
    await waitForText(host, 'Ben offers notes.bin (');
    await click(host, 'button', 'Accept notes.bin');
    await waitForText(ben, 'Sent.');
    const downloads = path.join(dir, 'downloads');
    const browserSession = await chromium.target().createCDPSession();
    await browserSession.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: downloads,
      browserContextId: host.browserContext().id,
    });
    await click(host, 'link', 'Save notes.bin');
    const saved = path.join(downloads, 'notes.bin');
    await vi.waitFor(() => expect(statSync(saved).size).toBe(bytes.length), {
      timeout: 30_000,
      interval: 50,
    });
    expect(readFileSync(saved).equals(bytes)).toBe(true);
    await ben.close();
  });

  it('opens the Firefox extension’s popup with Alt+Shift+J, joins from “Join with Conclave” on an invite link, and lists the meeting by title', async () => {
    const options = await openExtensionPage(firefox, `${extensionOrigin}/options.html`);
    await saveExtensionSettings(options, `${server.url}/peerjs`, 'Cy');
    const { host, invite } = await hostNewMeeting(chromium, server.url, 'Hana');
    // A page with the invite link on it (a chat, say).
    const chat = await firefox.newPage();
    await chat.evaluate((link) => {
      const a = document.createElement('a');
      a.id = 'invite';
      a.href = link;
      a.textContent = 'our meeting';
      document.body.append(a);
    }, invite);
    await chat.bringToFront();

    // The shortcut opens the real toolbar popup over that page, "Join this meeting" first.
    await pressInFirefox(firefox, ['Alt', 'Shift'], 'J');
    const popupText = () =>
      options.evaluate(() =>
        browser.extension
          .getViews({ type: 'popup' })
          .map((view) => view.document.body.innerText)
          .join(''),
      );
    await expect
      .poll(popupText, { interval: 50, timeout: 30_000 })
      .toMatch(/^Conclave\s+Your name\s+Join this meeting/);
    await options.evaluate(() =>
      browser.extension.getViews({ type: 'popup' }).forEach((view) => view.close()),
    );

    // Firefox's own context menu on the link, "Join with Conclave": straight into the meeting.
    await pickFromFirefoxContextMenu(firefox, chat, '#invite', 'Join with Conclave');
    const cy = await waitForTabAt(firefox, `${extensionOrigin}/meeting.html#join&`);
    await waitForParticipants(cy, ['Hana', 'Cy (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Cy']);

    // The popup keeps the meeting Cy joined by its title, and nothing of his personal link's key.
    const title = await meetingTitleInTab(host);
    expect(title).toMatch(/^Meeting of /);
    const popup = await openExtensionPage(firefox, `${extensionOrigin}/popup.html`);
    await popup.waitForSelector(byRole('listitem', title));
    const fragment = new URLSearchParams(new URL(invite).hash.slice(1));
    const kept = await everythingKept(popup);
    expect(kept).toContain(fragment.get('m'));
    expect(kept).not.toContain(fragment.get('k'));
    await Promise.all([cy.close(), chat.close(), options.close(), popup.close()]);
  });

  it('counts who knocks on the Firefox extension’s toolbar badge while it hosts', async () => {
    const options = await openExtensionPage(firefox, `${extensionOrigin}/options.html`);
    await saveExtensionSettings(options, `${server.url}/peerjs`, 'Hana');
    const badge = () => options.evaluate(() => browser.action.getBadgeText({}));

    const popup = await openExtensionPage(firefox, `${extensionOrigin}/popup.html`);
    await click(popup, 'button', 'New meeting');
    const host = await waitForTabAt(firefox, `${extensionOrigin}/meeting.html#host=`);
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    const invite = await textboxValue(host, 'Invite link');

    await join(chromium, invite, 'Ana', []);
    await host.waitForSelector(byRole('button', 'Admit Ana'));
    await expect.poll(badge, { interval: 50, timeout: 30_000 }).toBe('1');
    await click(host, 'button', 'Admit Ana');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await expect.poll(badge, { interval: 50, timeout: 30_000 }).toBe('');
    await host.close();
    await options.close();
  });

  it('tells a Firefox guest that a malicious server intercepts it, and leaks it no media', async () => {
    await expectInterceptionCaught({
      serverUrl: server.url,
      evil,
      host: chromium,
      guest: firefox,
      impostor: chromium,
    });
  });
});
