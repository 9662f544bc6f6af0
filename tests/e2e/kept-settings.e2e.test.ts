import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  byRole,
  click,
  hostNewMeeting,
  issuePersonalLink,
  participantNames,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
} from './people.ts';
import { useRig } from './rig.ts';
import { joinAsGuest } from './room-helpers.ts';

const rig = useRig();

/** Waits until the host's row of the personal link for `label` shows this state. */
async function waitForLinkState(host: Page, label: string, state: string): Promise<void> {
  await host.waitForFunction(
    (name: string, want: string) =>
      document.querySelector(`li[aria-label="Personal link: ${name}"] [role="status"]`)
        ?.textContent === want,
    { polling: 50, timeout: 30_000 },
    label,
    state,
  );
}

async function openPersonalLinks(host: Page): Promise<void> {
  const toggle = await host.waitForSelector(byRole('button', 'Password and personal links'));
  if ((await toggle!.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') {
    await toggle!.click();
  }
}

describe('a host who reloads keeps the meeting’s personal links', () => {
  it('admits a link issued before the reload at once, and still refuses one revoked before it', async () => {
    const { host } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const doctorLink = await issuePersonalLink(host, 'doctor');
    const clientLink = await issuePersonalLink(host, 'client');
    await click(host, 'button', 'Revoke client');
    await waitForLinkState(host, 'client', 'Revoked');

    await host.reload({ waitUntil: 'domcontentloaded' });
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    await openPersonalLinks(host);
    await waitForLinkState(host, 'doctor', 'Not in use');
    await waitForLinkState(host, 'client', 'Revoked');
    // The link itself is not kept, only what checks it: the host is told so.
    await waitForText(host, 'Its link is shown only in the session that made it.');
    expect(await host.$(byRole('textbox', 'Personal link for doctor'))).toBeNull();

    // Nobody admits anyone here: the doctor's link alone lets her in.
    const doc = await (await rig.browser.createBrowserContext()).newPage();
    await joinAsGuest(doc, doctorLink, 'Doc');
    await waitForParticipants(doc, ['Hana', 'Doc (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Doc']);
    await waitForVideoPlaying(host, 'Doc');
    await waitForVideoPlaying(doc, 'Hana');
    await waitForLinkState(host, 'doctor', 'In use by Doc');

    const cli = await (await rig.browser.createBrowserContext()).newPage();
    await joinAsGuest(cli, clientLink, 'Cli');
    await waitForText(cli, 'Your personal link was not accepted');
    await waitForText(host, 'personal link refused');
    await host.waitForSelector(byRole('button', 'Admit Cli'));
    // Waiting, Cli learns nobody in the meeting.
    expect(await participantNames(cli)).toEqual(['Cli (you)']);
    for (const [page, self] of [
      [host, 'Hana'],
      [doc, 'Doc'],
    ] as const) {
      await waitForParticipants(
        page,
        ['Hana', 'Doc'].map((n) => (n === self ? `${n} (you)` : n)),
      );
    }
  });
});
