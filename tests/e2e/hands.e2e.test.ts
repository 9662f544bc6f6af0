import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  byRole,
  click,
  hostAction,
  hostNewMeeting,
  waitForParticipants,
  waitForText,
} from './people.ts';
import { joinAsGuest, PHONE, screenshot } from './room-helpers.ts';
import { useRig } from './rig.ts';

const rig = useRig();
const POLL = { polling: 50, timeout: 30_000 } as const;

/** Waits until the text of `name`'s tile does (or, with `shown` false, does not) include `text`. */
const waitForTile = (page: Page, name: string, text: string, shown = true) =>
  page.waitForFunction(
    (n: string, t: string, s: boolean) => {
      const list = document.querySelector('ul[aria-label="Participants"]');
      const tile = [...(list?.children ?? [])].find((li) => li.getAttribute('aria-label') === n);
      return !!tile && (tile.textContent ?? '').includes(t) === s;
    },
    POLL,
    name,
    text,
    shown,
  );

const raisedHands = (page: Page) =>
  page.$$eval('ol[aria-label="Raised hands"] > li', (items) => items.map((li) => li.textContent));

const announced = (page: Page, text: string) =>
  page.waitForFunction(
    (t: string) => document.querySelector('[aria-live="polite"]')?.textContent === t,
    POLL,
    text,
  );

const pressed = (page: Page, name: string) =>
  page.$eval(byRole('button', name), (b) => b.getAttribute('aria-pressed'));

describe('raised hands and reactions', () => {
  it('shows a raised hand and a reaction to the host, and lets the host lower the hand', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const ana = await (await rig.browser.createBrowserContext()).newPage();
    await joinAsGuest(ana, invite, 'Ana');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await waitForText(ana, 'In the meeting.');

    await click(ana, 'button', 'Raise hand');
    expect(await pressed(ana, 'Raise hand')).toBe('true');
    await waitForTile(host, 'Ana', 'hand raised');
    await announced(host, 'Ana raised a hand');
    // The People panel is open for the host: it lists the raised hands.
    expect(await raisedHands(host)).toEqual(['Ana']);

    await click(ana, 'button', 'Raise hand');
    await waitForTile(host, 'Ana', 'hand raised', false);
    expect(await raisedHands(host)).toEqual([]);

    // Raised again, the host lowers it: Ana's own client does, and tells her.
    await click(ana, 'button', 'Raise hand');
    await waitForTile(host, 'Ana', 'hand raised');
    await hostAction(host, 'Ana', 'Lower Ana’s hand');
    await waitForTile(host, 'Ana', 'hand raised', false);
    await waitForText(ana, 'The host lowered your hand.');
    expect(await pressed(ana, 'Raise hand')).toBe('false');

    await click(ana, 'button', 'Reactions');
    await click(ana, 'button', 'React 👍 (thumbs up)');
    await waitForTile(host, 'Ana', '👍');
    // An image named for screen readers, on Ana's tile.
    await host.waitForFunction(
      () =>
        document
          .querySelector('ul[aria-label="Participants"] > li[aria-label="Ana"] [role="img"]')
          ?.getAttribute('aria-label') === 'thumbs up',
      POLL,
    );
    await announced(host, 'Ana reacted thumbs up');
    // The menu stays for another reaction; Escape, or a click elsewhere, puts it away.
    expect(await ana.$(byRole('group', 'Reactions'))).not.toBeNull();
    await ana.keyboard.press('Escape');
    await ana.waitForSelector(byRole('group', 'Reactions'), { hidden: true });
    await click(ana, 'button', 'Reactions');
    await ana.mouse.click(5, 5);
    await ana.waitForSelector(byRole('group', 'Reactions'), { hidden: true });

    // On a phone every control stays on screen; the hand is in the reactions menu there.
    await ana.setViewport(PHONE);
    const offScreen = await ana.$$eval('[role="toolbar"] button', (buttons) =>
      buttons
        .filter((b) => b.getClientRects().length > 0)
        .filter((b) => b.getBoundingClientRect().right > innerWidth)
        .map((b) => b.getAttribute('aria-label')),
    );
    expect(offScreen).toEqual([]);
    if (!(await ana.$(byRole('group', 'Reactions')))) await click(ana, 'button', 'Reactions');
    await click(ana, 'button', 'Raise hand');
    await waitForTile(host, 'Ana', 'hand raised');
    await screenshot(ana, 'hands-phone');
  });
});
