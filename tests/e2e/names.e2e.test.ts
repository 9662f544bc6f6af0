import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { click, fill, hostNewMeeting, participantNames, waitForParticipants } from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();

async function join(invite: string, name: string): Promise<Page> {
  const guest = await (await rig.browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', name);
  await click(guest, 'button', 'Join meeting');
  return guest;
}

const captionOf = (page: Page, name: string) =>
  page.$eval(`li[aria-label="${name}"] .caption`, (el) => el.textContent ?? '');

describe('names nobody can borrow', () => {
  it('numbers a guest who takes the host’s name, strips a forged "(you)", and marks the host', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const fake = await join(invite, 'Hana');
    await waitForParticipants(fake, ['Hana', 'Hana (2) (you)']);
    const you = await join(invite, 'Ana (you)');
    await waitForParticipants(you, ['Hana', 'Hana (2)', 'Ana (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Hana (2)', 'Ana']);
    expect(await participantNames(host)).not.toContain('Ana (you)');

    // Only the real host's tile says "host", on every screen.
    for (const page of [fake, you]) {
      expect(await captionOf(page, 'Hana')).toContain('host');
    }
    expect(await captionOf(you, 'Hana (2)')).not.toContain('host');
    expect(await captionOf(host, 'Hana (2)')).not.toContain('host');
  });
});
