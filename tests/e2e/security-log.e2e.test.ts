// The host's security log as the host sees it: a denial in the waiting room, a wrong password,
// a personal link, listed on the screen and exported as JSON to this device only.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import type { SecurityLogExport } from '../../shared/core/meeting/security-log/security-log.ts';
import { launchChromium } from './chromium.ts';
import {
  byRole,
  click,
  fill,
  issuePersonalLink,
  textboxValue,
  waitForParticipants,
  waitForText,
} from './people.ts';
import { startTestServer } from './server.ts';

let server: RunningServer;
let chromium: Browser;

beforeAll(async () => {
  [server, chromium] = await Promise.all([startTestServer(), launchChromium()]);
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const ASKED = 'This meeting has a password.';

async function open(url: string, name: string): Promise<Page> {
  const page = await (await chromium.createBrowserContext()).newPage();
  await page.goto(url);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
  return page;
}

/** The log's entries as the host's screen lists them, newest first. */
function entriesOnScreen(host: Page): Promise<string[]> {
  return host.$$eval(`${byRole('list', 'Security log entries')} > li`, (items) =>
    items.map((li) => li.textContent ?? ''),
  );
}

/** Clicks "Export security log" and reads the file the browser saved (name and JSON). */
async function exportedLog(host: Page): Promise<{ file: string; log: SecurityLogExport }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'conclave-seclog-'));
  const cdp = await chromium.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: dir,
    browserContextId: host.browserContext().id,
    eventsEnabled: true,
  });
  const done = new Promise<string>((resolve, reject) => {
    let file = '';
    cdp.on('Browser.downloadWillBegin', (e) => (file = e.suggestedFilename));
    cdp.on('Browser.downloadProgress', (e) => {
      if (e.state === 'completed') resolve(file);
      if (e.state === 'canceled') reject(new Error('download canceled'));
    });
  });
  await click(host, 'button', 'Export security log');
  const file = await done;
  await cdp.detach();
  const log = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as SecurityLogExport;
  return { file, log };
}

describe('security log', () => {
  it('lists a denied knock, a wrong password and a personal link on the host’s screen, and exports them as JSON', async () => {
    const host = await (await chromium.createBrowserContext()).newPage();
    await host.goto(`${server.url}/`);
    await fill(host, 'Your name', 'Hana');
    await fill(host, 'Meeting password (optional)', 'amber-quartz-seven-42');
    await click(host, 'button', 'New meeting');
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    const link = await textboxValue(host, 'Invite link');

    // Cy has the bare link and no password: she knocks and the host turns her away.
    const cy = await open(link, 'Cy');
    await waitForText(cy, ASKED);
    await click(cy, 'button', 'Knock without password');
    await click(host, 'button', 'Deny Cy');
    await waitForText(cy, 'The host did not let you in.');
    await cy.browserContext().close();

    // Ben's password is wrong: his proof fails, and he gives up.
    const ben = await open(link, 'Ben');
    await waitForText(ben, ASKED);
    await ben.bringToFront();
    const field = await ben.waitForSelector('::-p-aria([name="Meeting password"])');
    await field!.type('not-the-password');
    await click(ben, 'button', 'Enter with password');
    await waitForText(ben, 'Wrong password. You are in the waiting room');
    await ben.browserContext().close();
    await waitForText(host, 'Waiting room (0)');

    // Dee's personal link lets her straight in.
    const deeLink = await issuePersonalLink(host, 'Dee');
    const dee = await open(deeLink, 'Dee');
    await waitForParticipants(dee, ['Hana', 'Dee (you)']);

    await click(host, 'button', 'Security log (3)');
    const onScreen = await entriesOnScreen(host);
    expect(onScreen).toEqual([
      expect.stringMatching(/Joined: Dee \(\w{8}…\): with personal link "Dee"$/),
      expect.stringMatching(/Failed proof: Ben \(\w{8}…\): wrong password$/),
      expect.stringMatching(/Denied: Cy \(\w{8}…\): by the host$/),
    ]);

    const { file, log } = await exportedLog(host);
    expect(file).toMatch(/^conclave-security-log-[\w-]{8}-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
    expect(link).toContain(log.meetingId);
    expect(file).toContain(log.meetingId.slice(0, 8));
    expect(log.dropped).toBe(0);
    expect(log.entries.map(({ kind, name, detail }) => ({ kind, name, detail }))).toEqual([
      { kind: 'denied', name: 'Cy', detail: 'by the host' },
      { kind: 'proof-failed', name: 'Ben', detail: 'wrong password' },
      { kind: 'joined', name: 'Dee', detail: 'with personal link "Dee"' },
    ]);
    for (const entry of log.entries) {
      expect(entry.peer).toMatch(/^\w{8}$/);
      expect(new Date(entry.time).toISOString()).toBe(entry.time);
    }
  });
});
