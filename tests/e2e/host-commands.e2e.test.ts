import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox } from './firefox.ts';
import {
  byRole,
  click,
  fill,
  hostAction as act,
  hostEndsMeeting,
  hostNewMeeting,
  issuePersonalLink,
  waitForOwnTrackEnded,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
} from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();
const POLL = { polling: 50, timeout: 30_000 } as const;
// Ana joins from Firefox: muted, watching a viewer and a removal, ended for all, as Firefox shows it.
let firefox: Browser;
beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(() => firefox?.close());

async function join(invite: string, name: string, browser = rig.browser): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.goto(invite);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
  await waitForText(page, 'In the meeting.').catch(async (error: unknown) => {
    throw new Error(
      `${name} did not get in; the page says: ${await page.evaluate(() => document.body.innerText)}`,
      { cause: error },
    );
  });
  return page;
}

/** Waits until every tile on the page is connected (no "connecting…" left). */
const waitForAllConnected = (page: Page) =>
  page.waitForFunction(
    () =>
      !document
        .querySelector('ul[aria-label="Participants"]')
        ?.textContent?.includes('connecting…'),
    POLL,
  );

const isPressed = (page: Page, name: string) =>
  page.$eval(byRole('button', name), (b) => b.getAttribute('aria-pressed'));
const isDisabled = (page: Page, name: string) =>
  page.$eval(byRole('button', name), (b) => (b as HTMLButtonElement).disabled);

describe('the host’s commands, as each person sees them', () => {
  it('asks to mute, makes a viewer, removes someone, and ends the meeting for all', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const ana = await join(invite, 'Ana', firefox);
    const ben = await join(invite, 'Ben');
    // Cleo has a personal link of her own.
    const cleoLink = await issuePersonalLink(host, 'Cleo');
    const cleo = await join(cleoLink, 'Cleo');
    const everyone = ['Hana', 'Ana', 'Ben', 'Cleo'];
    for (const [page, self] of [
      [ana, 'Ana'],
      [ben, 'Ben'],
    ] as const) {
      await waitForParticipants(
        page,
        everyone.map((n) => (n === self ? `${n} (you)` : n)),
      );
    }
    for (const page of [host, ana, ben, cleo]) await waitForAllConnected(page);

    // Ask to mute: Ana's own client turns her microphone off and tells her why.
    await act(host, 'Ana', 'Ask Ana to mute');
    await waitForText(ana, 'The host asked you to mute.');
    await waitForOwnTrackEnded(ana, 'Ana', 'audio');
    expect(await isPressed(ana, 'Microphone')).toBe('false');
    await ben.waitForSelector('li[aria-label="Ana"] .badge::-p-text(muted)', POLL);

    // Viewer: Ben's devices go off and stay off; the others lose his tile and list him apart.
    await waitForVideoPlaying(cleo, 'Ben');
    await act(host, 'Ben', 'Make Ben a viewer');
    await waitForText(ben, 'The host made you a viewer');
    await waitForOwnTrackEnded(ben, 'Ben', 'video');
    expect(await isDisabled(ben, 'Camera')).toBe(true);
    expect(await isDisabled(ben, 'Microphone')).toBe(true);
    for (const [page, self] of [
      [ana, 'Ana'],
      [cleo, 'Cleo'],
    ] as const) {
      await waitForParticipants(
        page,
        ['Hana', 'Ana', 'Cleo'].map((n) => (n === self ? `${n} (you)` : n)),
      );
      // Viewers are listed in the people panel (the host's is open from the start).
      await click(page, 'button', 'People');
      await page.waitForSelector(`${byRole('list', 'Viewers')} li[aria-label="Ben"]`, POLL);
      expect(await page.$('video[aria-label="Video of Ben"]')).toBeNull();
    }
    await host.waitForSelector(`${byRole('list', 'Viewers')} li[aria-label="Ben"]`, POLL);

    // Co-host: badged on the others' screens; may ask to mute, nothing more.
    await act(host, 'Cleo', 'Make Cleo co-host');
    await waitForText(cleo, 'The host made you a co-host');
    await ana.waitForSelector('li[aria-label="Cleo"] .badge::-p-text(co-host)', POLL);
    await click(cleo, 'button', 'Actions for Ana');
    expect(await cleo.$(byRole('button', 'Actions for Hana'))).toBeNull();
    const cleoCan = await cleo.$$eval(`${byRole('group', 'Actions for Ana')} button`, (buttons) =>
      buttons.map((b) => b.textContent),
    );
    expect(cleoCan).toEqual(['Ask Ana to mute']);

    // Remove: Cleo is told; the others' screens drop her.
    await act(host, 'Cleo', 'Remove Cleo');
    const removedAt = Date.now();
    await click(host, 'button', 'Remove');
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await waitForParticipants(ben, ['Hana', 'Ana', 'Ben (you)']);
    console.log(
      `removal: off both remaining guests' screens ${Date.now() - removedAt} ms after the click`,
    );
    await waitForText(cleo, 'You were removed from the meeting.');
    expect(await cleo.$(byRole('button', 'Try again'))).toBeNull();
    // Her link went with her: opened again, it only leads to the waiting room.
    const cleoAgain = await (await rig.browser.createBrowserContext()).newPage();
    await cleoAgain.goto(cleoLink);
    await fill(cleoAgain, 'Your name', 'Cleo');
    await click(cleoAgain, 'button', 'Join meeting');
    await waitForText(cleoAgain, 'Your personal link was not accepted');
    await host.waitForSelector(byRole('button', 'Admit Cleo'), POLL);
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await click(host, 'button', 'Deny Cleo');
    await waitForText(cleoAgain, 'The host did not let you in');

    // "End meeting for all" asks first; "Stay" changes nothing.
    await host.bringToFront();
    if (!(await host.$(byRole('button', 'End meeting for all'))))
      await click(host, 'button', 'People');
    await click(host, 'button', 'End meeting for all');
    await waitForText(host, 'End the meeting for everyone?');
    await click(host, 'button', 'Stay');
    // Ending is the host's own act, on its own screen first: it is still in the meeting.
    await host.waitForSelector(byRole('button', 'End meeting for all'));
    expect(await host.$(byRole('heading', 'You ended the meeting for everyone'))).toBeNull();
    // End for all, from the host's leave dialog: both remaining guests are told calmly, with
    // "Back to lobby" first; the host is told what they did.
    await hostEndsMeeting(host);
    for (const guest of [ana, ben]) {
      await waitForText(guest, 'The host ended the meeting.');
      expect(await guest.$eval('.ended button.primary', (b) => b.textContent)).toBe(
        'Back to lobby',
      );
      expect(await guest.$('.ended [role="alert"]')).toBeNull();
    }
    await waitForText(host, 'You ended the meeting for everyone');
  });
});
