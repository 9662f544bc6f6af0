import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox } from './firefox.ts';
import {
  byRole,
  click,
  fill,
  hostEndsMeeting,
  hostNewMeeting,
  textboxValue,
  waitForFramesRising,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
} from './people.ts';
import { useRig } from './rig.ts';
import { securityNotices } from './screens.ts';

const rig = useRig();
// Ben joins from Firefox: a guest who waits for the host must work in both engines.
let firefox: Browser;
beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
});

const POLL = { polling: 50, timeout: 30_000 } as const;
const everyone = ['Hana', 'Ana', 'Ben'];
const listFor = (self: string, names = everyone) =>
  names.map((n) => (n === self ? `${n} (you)` : n));

async function join(browser: Browser, invite: string, name: string): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.goto(invite);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
  return page;
}

/** Waits until the focus is on the control or heading with this name. */
const waitForFocusOn = (page: Page, name: string) =>
  page.waitForFunction(
    (n: string) => {
      const el = document.activeElement;
      return (el?.getAttribute('aria-label') ?? el?.textContent) === n;
    },
    POLL,
    name,
  );

/** The signed roster version this person's meeting has verified, as the page carries it. */
const rosterVersion = (page: Page) =>
  page.$eval('main.meeting', (el) => Number((el as HTMLElement).dataset.rosterVersion));

/**
 * From now on, samples inside the page (every 100 ms) whether `name`'s video plays and which
 * status lines the screen shows; `stop` returns how many samples found it not playing and every
 * status line seen. The page's own clock: nothing is missed while the test waits elsewhere.
 */
async function watchScreen(page: Page, name: string) {
  await page.evaluate((label: string) => {
    const w = window as unknown as { watch: { stalls: number; statuses: Set<string> } };
    w.watch = { stalls: 0, statuses: new Set() };
    const timer = setInterval(() => {
      const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label}"]`);
      if (!video || video.paused || video.videoWidth === 0) w.watch.stalls++;
      for (const el of document.querySelectorAll('[role="status"]')) {
        if (el.textContent) w.watch.statuses.add(el.textContent);
      }
    }, 100);
    (w as unknown as { stopWatch: () => void }).stopWatch = () => clearInterval(timer);
  }, `Video of ${name}`);
  return {
    stop: () =>
      page.evaluate(() => {
        const w = window as unknown as {
          watch: { stalls: number; statuses: Set<string> };
          stopWatch(): void;
        };
        w.stopWatch();
        return { stalls: w.watch.stalls, statuses: [...w.watch.statuses] };
      }),
  };
}

const VERIFIED_HANA = 'li[aria-label="Hana"] .badge::-p-text(verified by you)';

/** A restart is no attack: nobody's screen may say a connection failed its security check. */
async function expectNoAlarm(pages: Record<string, Page>): Promise<void> {
  const none = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  expect(await securityNotices(pages)).toEqual(none);
}

async function expectEveryoneBack(pages: Record<string, Page>): Promise<void> {
  for (const [self, page] of Object.entries(pages)) {
    await waitForParticipants(page, listFor(self));
    await waitForText(page, 'In the meeting.');
    for (const other of everyone.filter((n) => n !== self)) await waitForVideoPlaying(page, other);
  }
  // The host badge is back on Hana's tile for each guest.
  for (const guest of [pages.Ana!, pages.Ben!]) {
    const badges = await guest.$$eval('li[aria-label="Hana"] span', (spans) =>
      spans.map((s) => s.textContent),
    );
    expect(badges).toContain('host');
  }
}

describe('a host who reloads or closes the page', () => {
  let host: Page;
  let invite: string;
  let lobbyInvite: string;
  let ana: Page;
  let ben: Page;

  it('resumes the same meeting on reload: guests wait, keep their call, and all come back under a higher roster, alarming nobody', async () => {
    ({ host, invite, lobbyInvite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana'));
    ana = await join(rig.browser, invite, 'Ana');
    await waitForParticipants(ana, listFor('Ana', ['Hana', 'Ana']));
    ben = await join(firefox, invite, 'Ben');
    await expectEveryoneBack({ Hana: host, Ana: ana, Ben: ben });
    const versionBefore = await rosterVersion(ana);

    await expectNoAlarm({ Hana: host, Ana: ana, Ben: ben });
    // Ana compared codes with Hana: the mark is for that page's connection, not the next one's.
    await click(ana, 'button', 'Verify Hana');
    await click(ana, 'button', 'They match: mark Hana verified');
    await ana.waitForSelector(VERIFIED_HANA);
    const watching = [await watchScreen(ana, 'Ben'), await watchScreen(ben, 'Ana')];
    // As the person would: the tab they reload is the one in front.
    await host.bringToFront();
    await host.reload({ waitUntil: 'domcontentloaded' });
    await click(host, 'button', 'Start meeting');
    await expectEveryoneBack({ Hana: host, Ana: ana, Ben: ben });
    const [anaSaw, benSaw] = await Promise.all(watching.map((w) => w.stop()));
    for (const saw of [anaSaw!, benSaw!]) {
      expect(saw.statuses).toContain('The host left.');
      expect(saw.stalls, 'the guests’ video of each other never stopped').toBe(0);
    }
    expect(await textboxValue(host, 'Invite link')).toBe(lobbyInvite);
    await expectNoAlarm({ Hana: host, Ana: ana, Ben: ben });
    expect(await ana.$(VERIFIED_HANA)).toBeNull();
    await ana.waitForSelector(byRole('button', 'They match: mark Hana verified'));
    for (const page of [ana, ben, host]) {
      expect(await rosterVersion(page)).toBeGreaterThan(versionBefore);
    }
  });

  it('lets guests wait when the host closes the tab, and the meetings list reopens it under the same link', async () => {
    const context = host.browserContext();
    await expectNoAlarm({ Hana: host });
    await host.close();
    for (const guest of [ana, ben]) {
      await waitForText(guest, 'The host left.');
      await guest.waitForSelector(byRole('button', 'Leave meeting'));
    }
    await click(ana, 'button', 'Wait for the host');
    await waitForText(ana, 'The host left. Waiting for them to come back…');
    // Tiles offer no actions while the host is away; the people panel still verifies.
    // The earlier test left Ben's verification open: wait until the people panel replaced it.
    await click(ana, 'button', 'People');
    await ana.waitForSelector('#people-title');
    const [before, after] = await waitForFramesRising(ana, 'Ben');
    expect(after, 'Ana still gets Ben’s video while the host is away').toBeGreaterThan(before);

    // The host's meetings outlive the tab: rename it, reload the lobby, start it again.
    const lobby = await context.newPage();
    await lobby.goto(`${rig.server.url}/`);
    const item = await lobby.waitForSelector('ul[aria-label="Your meetings"] > li');
    const title = (await item!.evaluate((li) => li.getAttribute('aria-label')))!;
    // One main action stands out; the rest wait behind "More", reached by keyboard alone.
    expect(
      await item!.$$eval('button', (all) => all.map((b) => b.getAttribute('aria-label'))),
    ).toEqual([`Start ${title}`, `Copy invite link of ${title}`, `More actions for ${title}`]);
    expect(await item!.$$eval('button.primary', (all) => all.length)).toBe(1);
    await lobby.focus(byRole('button', `More actions for ${title}`));
    await lobby.keyboard.press('Enter');
    await lobby.keyboard.press('Tab');
    await waitForFocusOn(lobby, `Rename ${title}`);
    await lobby.keyboard.press('Enter');
    await lobby.waitForFunction(() => document.activeElement?.tagName === 'INPUT', POLL);
    await fill(lobby, `New title for ${title}`, 'Weekly sync');
    await lobby.keyboard.press('Enter');
    await lobby.waitForSelector('li[aria-label="Weekly sync"]');
    // The focus stays on the row, and a screen reader hears what happened.
    await waitForFocusOn(lobby, 'More actions for Weekly sync');
    await waitForText(lobby, 'Renamed to Weekly sync.');
    await lobby.reload({ waitUntil: 'domcontentloaded' });
    await click(lobby, 'button', 'Start Weekly sync');
    await click(lobby, 'button', 'Start meeting');
    host = lobby;
    await expectEveryoneBack({ Hana: host, Ana: ana, Ben: ben });
    expect(await textboxValue(host, 'Invite link')).toBe(lobbyInvite);
    await expectNoAlarm({ Hana: host, Ana: ana, Ben: ben });
  });

  it('ends only when the host ends it, then "Try again" says so until it is started again; "end for good" retires the link', async () => {
    await hostEndsMeeting(host);
    await waitForText(ana, 'The host ended the meeting.');
    await click(ana, 'button', 'Try again');
    await click(ana, 'button', 'Join meeting');
    await waitForText(ana, 'This meeting has ended');
    expect(await ana.$(byRole('button', 'Wait for the host'))).toBeNull();

    // Started again from the host's list, the same link works again for Ana, in the same tab.
    await click(host, 'button', 'Back to lobby');
    await click(host, 'button', 'Start Weekly sync');
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    await click(ana, 'button', 'Try again');
    await click(ana, 'button', 'Join meeting');
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await expectNoAlarm({ Hana: host, Ana: ana });
    await hostEndsMeeting(host);
    await waitForText(ana, 'The host ended the meeting.');

    // Ending it for good, after a confirmation, takes its key: it can no longer be started.
    await click(host, 'button', 'Back to lobby');
    await click(host, 'button', 'More actions for Weekly sync');
    await click(host, 'button', 'End Weekly sync for good');
    await click(host, 'button', 'Yes, end Weekly sync for good');
    await waitForText(host, 'Ended for good: its link no longer works');
    expect(await host.$(byRole('button', 'Start Weekly sync'))).toBeNull();
    await click(host, 'button', 'More actions for Weekly sync');
    await click(host, 'button', 'Delete Weekly sync');
    await click(host, 'button', 'Yes, delete Weekly sync');
    await host.waitForFunction(() => !document.querySelector('li[aria-label="Weekly sync"]'));
    // Its last meeting gone, the focus is on the list's heading, not lost to the page.
    await waitForFocusOn(host, 'Your meetings');
    await waitForText(host, 'Deleted Weekly sync.');
  });
});
