import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  byRole,
  click,
  fill,
  inviteLinkOnScreen,
  openToolbarPopup,
  saveExtensionSettings,
  waitForParticipants,
  waitForText,
} from './people.ts';
import { useRig } from './rig.ts';

/** The extension API, as the extension's own pages see it. */
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  tabs: { getCurrent(): Promise<{ active: boolean } | undefined> };
};
/** The notifications a page showed, kept by the test's wrapper (see `keepNotifications`). */
declare const shownNotifications: Notification[];

const rig = useRig({ extension: true });
const POLL = { polling: 50, timeout: 30_000 } as const;

/** Waits until the toolbar button's badge reads `text`, asked of an extension page. */
async function waitForBadge(extensionPage: Page, text: string): Promise<void> {
  await extensionPage
    .waitForFunction(
      (expected) => chrome.action.getBadgeText({}).then((shown) => shown === expected),
      POLL,
      text,
    )
    .catch(async (error: Error) => {
      const shown = await extensionPage.evaluate(() => chrome.action.getBadgeText({}));
      throw new Error(`badge never read "${text}" (reads "${shown}"): ${error.message}`);
    });
}

/** A guest in a browser profile of their own opens the bare invite link: the waiting room. */
async function knock(invite: string, name: string): Promise<Page> {
  const guest = await (await rig.browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', name);
  await click(guest, 'button', 'Join meeting');
  await waitForText(guest, 'Waiting for the host to let you in…');
  return guest;
}

describe('the extension’s toolbar badge', () => {
  it('counts who waits in the host’s waiting rooms, across meetings and whichever panel is open, and clears; asks to notify at the first knock', async () => {
    const options = await rig.browser.newPage();
    await options.goto(`chrome-extension://${rig.extensionId}/options.html`);
    await saveExtensionSettings(options, `${rig.server.url}/peerjs`, 'Hana');

    // Hana hosts from the toolbar: "New meeting", then "Start meeting" on the pre-join screen.
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, options);
    const opened = rig.browser.waitForTarget((t) => t.url().includes('/meeting.html#new'));
    await click(popup, 'button', 'New meeting');
    const host = (await (await opened).page())!;
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    const invite = await inviteLinkOnScreen(host);
    expect(await options.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

    // Notifications are asked for at the first knock, not before (headless Chromium refuses).
    expect(await host.evaluate(() => Notification.permission)).toBe('default');
    await knock(invite, 'Ana');
    await waitForBadge(options, '1');
    await host.waitForFunction(() => Notification.permission === 'denied', POLL);
    await host.waitForSelector(byRole('button', 'Admit Ana'));
    await waitForText(host, 'Waiting room (1)');

    // Hana looks at the chat, not the waiting room: a notice says who waits; the badge counts Ben.
    await click(host, 'button', 'Chat');
    await host.waitForSelector(byRole('list', 'Waiting to join'), { hidden: true });
    await host.waitForSelector(byRole('region', 'Ana is waiting to join'));
    await knock(invite, 'Ben');
    await waitForBadge(options, '2');
    // The People button says who waits.
    await click(host, 'button', 'People, 2 waiting');
    await waitForText(host, 'Waiting room (2)');

    await click(host, 'button', 'Admit Ana');
    await waitForBadge(options, '1');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await click(host, 'button', 'Admit Ben');
    await waitForBadge(options, '');
    await waitForParticipants(host, ['Hana (you)', 'Ana', 'Ben']);
    await waitForText(host, 'Nobody is waiting.');

    // Hana hosts a second meeting in another tab: the badge counts who waits at either.
    await knock(invite, 'Cy');
    await waitForBadge(options, '1');
    const second = await openToolbarPopup(rig.browser, rig.extensionId, options);
    const openedSecond = rig.browser.waitForTarget(
      (t) => t.url().includes('/meeting.html#') && t.url() !== host.url(),
    );
    await click(second, 'button', 'New meeting');
    const otherHost = (await (await openedSecond).page())!;
    await click(otherHost, 'button', 'Start meeting');
    await waitForText(otherHost, 'In the meeting.');
    await knock(await inviteLinkOnScreen(otherHost), 'Dee');
    await waitForBadge(options, '2');
    await otherHost.waitForSelector(byRole('button', 'Admit Dee'));

    // Cy still waits when Hana closes her first meeting's tab: its count goes with it.
    await host.close({ runBeforeUnload: false });
    await waitForBadge(options, '1');
    await click(otherHost, 'button', 'Admit Dee');
    await waitForBadge(options, '');
  });

  it('brings the host’s meeting tab forward when the knock’s notification is clicked', async () => {
    const meetingUrl = `chrome-extension://${rig.extensionId}/meeting.html#new`;
    await rig.browser
      .defaultBrowserContext()
      .overridePermissions(`chrome-extension://${rig.extensionId}`, ['notifications']);
    const options = await rig.browser.newPage();
    await options.goto(`chrome-extension://${rig.extensionId}/options.html`);
    await saveExtensionSettings(options, `${rig.server.url}/peerjs`, 'Hana');
    const host = await rig.browser.newPage();
    await keepNotifications(host);
    await host.goto(meetingUrl);
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    const invite = await inviteLinkOnScreen(host);

    // Hana reads another tab when Eve knocks: a notification, and her meeting tab is behind.
    await options.bringToFront();
    await host.waitForFunction(() => document.visibilityState === 'hidden', POLL);
    await knock(invite, 'Eve');
    await host.waitForFunction(() => shownNotifications.length === 1, POLL);
    expect(await host.evaluate(() => shownNotifications[0]!.body)).toBe(
      'Eve is in the waiting room.',
    );

    // The click Chrome would deliver to the page's notification (no automation reaches the
    // system's own notification to click it).
    await host.evaluate(() => shownNotifications[0]!.dispatchEvent(new Event('click')));
    await host.waitForFunction(
      () => chrome.tabs.getCurrent().then((tab) => tab?.active === true),
      POLL,
    );
    expect(await host.evaluate(() => document.visibilityState)).toBe('visible');
    await host.waitForSelector(byRole('button', 'Admit Eve'));
  });
});

/** Wraps the page's Notification so the test can find what it showed, and click it. */
async function keepNotifications(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const shown: Notification[] = [];
    Object.assign(window, { shownNotifications: shown });
    window.Notification = class extends Notification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(this);
      }
    };
  });
}
