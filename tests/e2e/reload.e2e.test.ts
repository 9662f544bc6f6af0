import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { click, fill, hostNewMeeting, waitForFramesRising, waitForParticipants } from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();

async function join(page: Page, invite: string, name: string): Promise<void> {
  await page.goto(invite);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
}

describe('a guest who reloads', () => {
  it('comes back under the same name, once, with video again', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const ana = await (await rig.browser.createBrowserContext()).newPage();
    const ben = await (await rig.browser.createBrowserContext()).newPage();
    await join(ana, invite, 'Ana');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await join(ben, invite, 'Ben');
    await waitForParticipants(ben, ['Hana', 'Ana', 'Ben (you)']);

    await ana.reload();
    await join(ana, invite, 'Ana');
    await waitForParticipants(ana, ['Hana', 'Ben', 'Ana (you)']);
    for (const [page, self] of [
      [host, 'Hana'],
      [ben, 'Ben'],
    ] as const) {
      await waitForParticipants(page, [
        `${self} (you)`,
        ...['Hana', 'Ana', 'Ben'].filter((n) => n !== self),
      ]);
      const [before, after] = await waitForFramesRising(page, 'Ana');
      expect(after).toBeGreaterThan(before);
    }
  });
});
