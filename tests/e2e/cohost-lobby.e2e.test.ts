import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  byRole,
  click,
  hostAction,
  hostEndsMeeting,
  hostNewMeeting,
  participantNames,
  waitForParticipants,
  waitForText,
} from './people.ts';
import { useRig } from './rig.ts';
import { joinAsGuest } from './room-helpers.ts';

const rig = useRig();
const POLL = { polling: 50, timeout: 30_000 } as const;

async function guest(invite: string, name: string): Promise<Page> {
  const page = await (await rig.browser.createBrowserContext()).newPage();
  await joinAsGuest(page, invite, name, { cameraOff: true });
  return page;
}

/** The waiting room's entries on one person's screen, as text. */
/** Waits until the focus is on the element with this text. */
const waitForFocusOn = (page: Page, text: string) =>
  page.waitForFunction((t: string) => document.activeElement?.textContent === t, POLL, text);

/** The control bar's and the waiting notice's boxes do not overlap, and the notice fits. */
const noticeClearOfControls = (page: Page) =>
  page.evaluate(() => {
    const notice = document.querySelector('.waiting-notice')!.getBoundingClientRect();
    const bar = document.querySelector('[role="toolbar"]')!.getBoundingClientRect();
    return notice.bottom <= bar.top && notice.left >= 0 && notice.right <= innerWidth;
  });

const waitingRoom = (page: Page) =>
  page.$$eval(`${byRole('list', 'Waiting to join')} > li`, (items) =>
    items.map((li) => li.textContent ?? ''),
  );

describe('a co-host and the waiting room', () => {
  it('shows a co-host who knocks; the co-host admits them and everyone sees them', async () => {
    const { host, invite, lobbyInvite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const cora = await guest(invite, 'Cora');
    await waitForParticipants(cora, ['Hana', 'Cora (you)']);
    await hostAction(host, 'Cora', 'Make Cora co-host');
    await waitForText(cora, 'The host made you a co-host');

    // Gus has only the bare link: he waits, and Cora's People panel shows him.
    const gus = await guest(lobbyInvite, 'Gus');
    await waitForText(gus, 'You are in the waiting room. The host will let you in.');
    // Cora's People panel is closed: a notice tells her, and "View" opens the waiting room.
    await cora.waitForSelector(byRole('region', 'Gus is waiting to join'), POLL);
    await cora.waitForSelector(byRole('button', 'People, 1 waiting'));
    // The host's panel is open, so the host gets no notice.
    expect(await host.$(byRole('region', 'Gus is waiting to join'))).toBeNull();
    await click(cora, 'button', 'View waiting room');
    await cora.waitForSelector(byRole('button', 'Admit Gus'), POLL);
    await waitForFocusOn(cora, 'Waiting room (1)');
    expect(await cora.$(byRole('region', 'Gus is waiting to join'))).toBeNull();
    await waitForText(cora, 'Waiting room (1)');
    expect(await waitingRoom(cora)).toEqual([expect.stringContaining('no password or key')]);
    // The lock is the host's alone.
    expect(
      await cora.$(
        byRole('checkbox', 'Lock meeting (only the password or a personal link gets in)'),
      ),
    ).toBeNull();
    expect(await participantNames(gus)).toEqual(['Gus (you)']);

    await click(cora, 'button', 'Admit Gus');
    await waitForParticipants(gus, ['Hana', 'Cora', 'Gus (you)']);
    await waitForParticipants(cora, ['Hana', 'Cora (you)', 'Gus']);
    await waitForParticipants(host, ['Hana (you)', 'Cora', 'Gus']);
    for (const page of [host, cora]) await waitForText(page, 'Waiting room (0)');
    await hostEndsMeeting(host);
    for (const page of [host, cora, gus]) await page.browserContext().close();
  });

  it('tells a host whose People panel is closed who knocks: "Admit" lets one in, "View" shows several', async () => {
    const { host, lobbyInvite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    await click(host, 'button', 'Close people');
    const ana = await guest(lobbyInvite, 'Ana');
    await waitForText(ana, 'You are in the waiting room. The host will let you in.');
    await host.waitForSelector(byRole('region', 'Ana is waiting to join'), POLL);
    await host.waitForSelector(byRole('button', 'People, 1 waiting'));
    // Said once to the screen reader, in the room's polite live region.
    expect(await host.$eval('[aria-live="polite"]', (el) => el.textContent)).toBe(
      'Ana is waiting to join',
    );

    await click(host, 'button', 'Admit Ana');
    // The notice goes with the button pressed: the focus goes to the meeting's heading.
    await waitForFocusOn(host, 'Meeting');
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await host.waitForSelector(byRole('region', 'Ana is waiting to join'), { hidden: true });
    await host.waitForSelector(byRole('button', 'People'));

    // Two knock on a phone-sized screen: the notice counts them, above the control bar.
    await host.setViewport({ width: 360, height: 640 });
    const [ben, cy] = await Promise.all([guest(lobbyInvite, 'Ben'), guest(lobbyInvite, 'Cy')]);
    await host.waitForSelector(byRole('region', '2 people are waiting to join'), POLL);
    await host.waitForSelector(byRole('button', 'People, 2 waiting'));
    expect(await noticeClearOfControls(host)).toBe(true);
    expect(await host.$(byRole('button', 'Admit Ben'))).toBeNull();
    // Ana is a participant: she may not admit, and is not told.
    expect(await ana.$('.waiting-notice')).toBeNull();
    await click(host, 'button', 'View waiting room');
    await waitForFocusOn(host, 'Waiting room (2)');
    expect((await waitingRoom(host)).sort()).toEqual([
      expect.stringContaining('Ben'),
      expect.stringContaining('Cy'),
    ]);
    expect(await host.$('.waiting-notice')).toBeNull();

    // "Deny" on the notice does what the panel's does: Cy is denied there, Ben from the notice.
    await click(host, 'button', 'Deny Cy');
    await waitForText(cy, 'The host did not let you in.');
    await click(host, 'button', 'Close people');
    await host.waitForSelector(byRole('region', 'Ben is waiting to join'), POLL);
    expect(
      await host.$$eval('.waiting-notice button', (all) =>
        all.map((b) => [b.getAttribute('aria-label'), b.textContent]),
      ),
    ).toEqual([
      ['Admit Ben', 'Admit'],
      ['Deny Ben', 'Deny'],
      ['View waiting room', 'View'],
    ]);
    await click(host, 'button', 'Deny Ben');
    await waitForText(ben, 'The host did not let you in.');
    await host.waitForSelector('.waiting-notice', { hidden: true });
    await waitForFocusOn(host, 'Meeting');
    await host.waitForSelector(byRole('button', 'People'));
    await hostEndsMeeting(host);
    for (const page of [host, ana, ben, cy]) await page.browserContext().close();
  });
});
