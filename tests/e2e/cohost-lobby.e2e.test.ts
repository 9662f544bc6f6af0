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
    await click(cora, 'button', 'People');
    await cora.waitForSelector(byRole('button', 'Admit Gus'), POLL);
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
});
