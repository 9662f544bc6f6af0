import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { byRole, click, fill, hostNewMeeting, waitForParticipants, waitForText } from './people.ts';
import { useRig } from './rig.ts';
import { noticesNow, waitForScreensRight } from './screens.ts';

const rig = useRig();
const ROUNDS = Number(process.env.JOIN_ROUNDS ?? 2);
const HOST = 'Hana';

/** Guests with their invite open and name typed, then one click each at the same moment. */
async function joinAtOnce(guests: Record<string, Page>, invite: string): Promise<void> {
  const buttons = [];
  for (const [name, page] of Object.entries(guests)) {
    await page.goto('about:blank'); // a fresh load, not a same-document hash change
    await page.goto(invite);
    await fill(page, 'Your name', name);
    buttons.push((await page.waitForSelector(byRole('button', 'Join meeting')))!);
  }
  await Promise.all(buttons.map((button) => button.evaluate((b) => (b as HTMLElement).click())));
}

/** Everyone leaves (a guest whose meeting already ended has nothing to leave). */
async function leaveAll(guests: Record<string, Page>, host: Page): Promise<void> {
  for (const page of Object.values(guests)) {
    if (await page.$(byRole('button', 'Leave'))) {
      await click(page, 'button', 'Leave');
      await waitForText(page, 'You left the meeting.');
    }
  }
  await waitForParticipants(host, [`${HOST} (you)`]);
}

describe('guests who join at the same moment', () => {
  it(`all get in and see everyone playing, two and then three at once, ${ROUNDS} rounds each`, async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, HOST);
    const pages: Page[] = [];
    for (let i = 0; i < 3; i++)
      pages.push(await (await rig.browser.createBrowserContext()).newPage());
    const [ana, ben, cleo] = pages as [Page, Page, Page];
    // What the core logged this round, to tell what went wrong when a screen is wrong.
    const logs: string[] = [];
    for (const [name, page] of [
      [HOST, host],
      ['Ana', ana],
      ['Ben', ben],
      ['Cleo', cleo],
    ] as const) {
      page.on('console', (message) => {
        if (message.text().startsWith('[conclave]')) logs.push(`${name}: ${message.text()}`);
      });
    }

    // Every round runs, so one run tells how often a race strikes; any failure fails the test.
    const failures: string[] = [];
    const groups: Record<string, Page>[] = [
      { Ana: ana, Ben: ben },
      { Ana: ana, Ben: ben, Cleo: cleo },
    ];
    for (const guests of groups) {
      for (let round = 1; round <= ROUNDS; round++) {
        const hostNotices = await noticesNow({ [HOST]: host });
        logs.length = 0;
        await joinAtOnce(guests, invite);
        await waitForScreensRight({ [HOST]: host, ...guests }, HOST, hostNotices).catch(
          (error: Error) => {
            const who = Object.keys(guests).join(' and ');
            failures.push(`${who}, round ${round}: ${error.message}\n${logs.join('\n')}`);
          },
        );
        await leaveAll(guests, host);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
