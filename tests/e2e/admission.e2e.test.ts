// Who gets in, as people see it: the waiting room, the meeting password and personal links.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import {
  byRole,
  click,
  fill,
  issuePersonalLink,
  participantNames,
  textboxValue,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
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
// Each test's meeting ends with it: two cores cannot also carry every earlier call.
afterEach(async () => {
  const opened = [chromium, firefox].flatMap((browser) =>
    browser.browserContexts().filter((context) => context !== browser.defaultBrowserContext()),
  );
  await Promise.all(opened.map((context) => context.close()));
});
afterAll(async () => {
  await Promise.all([chromium?.close(), firefox?.close()]);
  await server?.close();
});

const WAITING = 'You are in the waiting room. The host will let you in.';
const ASKED = 'This meeting has a password.';

async function open(browser: Browser, url: string, name: string): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.goto(url);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
  return page;
}

/** Names in the host's waiting room, as listed on the screen. */
function waitingRoom(host: Page): Promise<string[]> {
  return host.$$eval(`${byRole('list', 'Waiting to join')} > li`, (items) =>
    items.map((li) => li.textContent ?? ''),
  );
}

/** Waits until the people panel lists exactly these viewers (viewers get no tile). */
async function waitForViewers(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    (expected: string[]) => {
      const items = document.querySelectorAll('ul[aria-label="Viewers"] > li');
      const seen = [...items].map((li) => li.getAttribute('aria-label'));
      return seen.length === expected.length && expected.every((n) => seen.includes(n));
    },
    {},
    names,
  );
}

/** A password field has no textbox role (Firefox): found by its accessible name alone. */
async function enterPassword(page: Page, password: string): Promise<void> {
  await page.bringToFront();
  const field = await page.waitForSelector('::-p-aria([name="Meeting password"])');
  await field!.type(password);
  await click(page, 'button', 'Enter with password');
}

describe('admission', () => {
  it('runs a password meeting: lobby admit and deny, wrong then right password, a personal link revoked, Firefox with the password', async () => {
    // The host takes the suggested password at creation.
    const host = await (await chromium.createBrowserContext()).newPage();
    await host.goto(`${server.url}/`);
    await fill(host, 'Your name', 'Hana');
    await click(host, 'button', 'Suggest a strong password');
    const password = await textboxValue(host, 'Meeting password (optional)');
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await click(host, 'button', 'New meeting');
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    const link = await textboxValue(host, 'Invite link');

    // Ana has only the link: she knocks, waits, and sees nobody until the host admits her.
    const ana = await open(chromium, link, 'Ana');
    await waitForText(ana, ASKED);
    await click(ana, 'button', 'Knock without password');
    await waitForText(ana, WAITING);
    await waitForText(host, 'Waiting room (1)');
    expect(await waitingRoom(host)).toEqual([expect.stringContaining('Ana')]);
    expect(await waitingRoom(host)).toEqual([expect.stringContaining('no password or key')]);
    expect(await participantNames(ana)).toEqual(['Ana (you)']);
    await click(host, 'button', 'Admit Ana');
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await waitForVideoPlaying(host, 'Ana');
    await waitForVideoPlaying(ana, 'Hana');

    // Cy knocks and is turned away, and is told so.
    const cy = await open(chromium, link, 'Cy');
    await waitForText(cy, ASKED);
    await click(cy, 'button', 'Knock without password');
    await waitForText(cy, WAITING);
    await click(host, 'button', 'Deny Cy');
    await waitForText(cy, 'The host did not let you in.');
    await cy.browserContext().close();

    // Ben types a wrong password: he waits, the host sees why; the right one lets him in at once.
    const ben = await open(chromium, link, 'Ben');
    await waitForText(ben, ASKED);
    await enterPassword(ben, 'not-the-password');
    await waitForText(ben, 'Wrong password. You are in the waiting room');
    await waitForText(host, 'wrong password');
    expect(await participantNames(ana)).toEqual(['Hana', 'Ana (you)']);
    await enterPassword(ben, password);
    await waitForParticipants(ben, ['Hana', 'Ana', 'Ben (you)']);
    await waitForParticipants(ana, ['Hana', 'Ana (you)', 'Ben']);
    await waitForText(host, 'Waiting room (0)');

    // Ana leaves (two cores carry three calls, not four).
    await ana.browserContext().close();
    await waitForParticipants(host, ['Hana (you)', 'Ben']);

    // A personal link admits Dee at once as a viewer; revoking it removes her from every screen.
    const deeLink = await issuePersonalLink(host, 'client', 'Viewer (watch only)');
    expect(new URL(deeLink).hash).toMatch(/&k=[A-Za-z0-9_-]{22}$/);
    const qr = '::-p-aria([name="QR code of the personal link for client"])';
    expect(await host.$(qr)).toBeNull();
    await click(host, 'button', 'QR code for client');
    const modules = await (await host.waitForSelector(qr))!.evaluate(
      (svg) => svg.querySelector('path')?.getAttribute('d')?.split('M').length ?? 0,
    );
    expect(modules).toBeGreaterThan(300);
    const dee = await open(chromium, deeLink, 'Dee');
    await waitForParticipants(dee, ['Hana', 'Ben', 'Dee (you)']);
    // A viewer gets no tile on the others' screens: the people panel lists her (the host's is open).
    await click(ben, 'button', 'People');
    for (const page of [host, ben]) await waitForViewers(page, ['Dee']);
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await waitForText(host, 'In use by Dee');
    await click(host, 'button', 'Revoke client');
    await waitForText(dee, 'The host withdrew your personal link');
    for (const page of [host, ben]) await waitForViewers(page, []);
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await waitForText(host, 'Revoked');
    await Promise.all([dee, ben].map((page) => page.browserContext().close()));

    // Firefox: the password admits Fay at once (PBKDF2 in Gecko), and both see each other.
    const fay = await open(firefox, link, 'Fay');
    await waitForText(fay, ASKED);
    await enterPassword(fay, password);
    await waitForParticipants(fay, ['Hana', 'Fay (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Fay']);
    await waitForVideoPlaying(fay, 'Hana');
    await waitForVideoPlaying(host, 'Fay');
  });
});
