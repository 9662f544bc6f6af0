import type { Page, Target } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { saveScreens } from './artifacts.ts';
import {
  byRole,
  click,
  fill,
  hostNewMeeting,
  openToolbarPopup,
  waitForParticipants,
  waitForText,
  waitForVideoPlaying,
  meetingTitleInTab,
} from './people.ts';
import { everythingKept, joinedRecords } from './extension-storage.ts';
import { mediaRequests, recordMediaRequestsInNewPages } from './media-requests.ts';
import { useRig } from './rig.ts';

/** The extension API, as the extension's own pages see it. */
declare const chrome: { tabs: { getCurrent(): Promise<{ active: boolean } | undefined> } };

const rig = useRig({ extension: true });
const POLL = { polling: 50, timeout: 30_000 } as const;

/** The names of the popup's buttons, in order, as a person tabbing through meets them. */
const buttonNames = (popup: Page) =>
  popup.$$eval('button', (buttons) => buttons.map((b) => b.textContent ?? ''));

/**
 * The problem the field labelled `label` is marked invalid for: its description, which must show
 * right below the field, above the next control below it.
 */
async function problemUnder(page: Page, label: string): Promise<string> {
  const field = (await page.waitForSelector(`${byRole('textbox', label)}[aria-invalid="true"]`))!;
  return field.evaluate((input) => {
    const problem = document.getElementById(input.getAttribute('aria-describedby') ?? '')!;
    const box = problem.getBoundingClientRect();
    const fieldBottom = input.getBoundingClientRect().bottom;
    const controls = [...document.querySelectorAll('input, button')];
    const next = controls
      .slice(controls.indexOf(input) + 1)
      .find((c) => c.getBoundingClientRect().top >= fieldBottom);
    const below =
      box.top >= fieldBottom && (!next || box.bottom <= next.getBoundingClientRect().top);
    return below ? (problem.textContent ?? '') : `not right below: ${problem.textContent}`;
  });
}

const isMeetingTab = (t: Target) =>
  t.url().startsWith(`chrome-extension://${rig.extensionId}/meeting.html#join&`);

/** Hana's meeting and Ben's tab in it, from the one-click join, for the tests after it. */
let meeting: { host: Page; invite: string; ben: Page } | null = null;

/** Whether the meeting page's own tab is the active one, asked of the extension itself. */
const tabActive = (meeting: Page) =>
  meeting.evaluate(() => chrome.tabs.getCurrent().then((tab) => tab?.active === true));

describe('the extension', () => {
  it('checks its settings as they are typed, refuses ws:// off this computer, and tests the server', async () => {
    const options = await rig.browser.newPage();
    await options.goto(`chrome-extension://${rig.extensionId}/options.html`);
    await waitForText(options, 'Conclave settings');
    // Chrome shows extension pages at 75 % text unless they say otherwise.
    expect(await options.$eval('body', (b) => getComputedStyle(b).fontSize)).toBe('16px');

    await fill(options, 'Signaling servers', 'ws://meet.example.org/peerjs');
    await waitForText(options, 'Line 1: The meeting server address must use wss://');
    // An address that is no address says so, and what one looks like; "cannot reach" is kept
    // for a real address that does not answer (Port 9 on loopback: nothing listens there).
    await fill(options, 'Signaling servers', 'meet.example.org:9000');
    await waitForText(
      options,
      'Line 1: That is not a valid server address: write it in full, like wss://meet.example.org:443/peerjs.',
    );
    const silent = 'http://127.0.0.1:9/peerjs';
    await fill(options, 'Signaling servers', `${rig.server.url}/peerjs\n${silent}`);
    await options.waitForFunction(() => !document.querySelector('#servers-errors'), POLL);
    await click(options, 'button', 'Test connection');
    await waitForText(options, `${silent}: does not answer (unreachable`);
    expect(await options.$eval('body', (b) => b.innerText)).not.toContain('not a valid');
    // Results are of the list tested: editing it clears them.
    await fill(options, 'Signaling servers', `${rig.server.url}/peerjs`);
    await options.waitForFunction(
      (gone: string) => !document.body.innerText.includes(gone),
      POLL,
      silent,
    );

    await click(options, 'button', 'Add ICE server');
    await fill(options, 'Address', 'turn:turn.example.org:3478');
    await waitForText(options, 'Row 1: A TURN server needs a username and a credential.');
    await click(options, 'button', 'Save');
    await waitForText(options, 'Not saved: correct the problems shown above.');
    await click(options, 'button', 'Remove ICE server 1');

    await click(options, 'button', 'Test connection');
    await waitForText(options, `${rig.server.url}/peerjs: answers`);
    await fill(options, 'Your name', 'Ben');
    await click(options, 'button', 'Save');
    await waitForText(options, 'Saved.');
    await saveScreens(options, 'extension-options');
    await options.close();
  });

  it('joins the meeting the tab shows in one click, and brings that meeting forward after', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');

    // A page that is no invite: the popup offers a new meeting first, and names its server.
    const elsewhere = await rig.browser.newPage();
    await elsewhere.goto(`${rig.server.url}/`);
    const plain = await openToolbarPopup(rig.browser, rig.extensionId, elsewhere);
    await waitForText(plain, `Server ${new URL(rig.server.url).host}: answers`);
    expect((await buttonNames(plain))[0]).toBe('New meeting');
    expect(await plain.$(byRole('button', 'Join this meeting'))).toBeNull();
    // A problem is told beside the field it is about, which is marked for correcting.
    await fill(plain, 'Your name', ' ');
    await click(plain, 'button', 'New meeting');
    expect(await problemUnder(plain, 'Your name')).toBe('Enter your name first.');
    await fill(plain, 'Your name', 'Ben');
    await fill(plain, 'Invite link', 'not a link');
    await click(plain, 'button', 'Join');
    expect(await problemUnder(plain, 'Invite link')).toBe(
      'That is not a valid Conclave invite link.',
    );
    expect(await plain.$$('[aria-invalid="true"]')).toHaveLength(1);
    await plain.close();

    // The same page with an invite link on it (a chat, say): found when the popup opens.
    await elsewhere.evaluate((link) => {
      const a = document.createElement('a');
      a.href = link;
      a.textContent = 'our meeting';
      document.body.append(a);
    }, invite);
    const fromLink = await openToolbarPopup(rig.browser, rig.extensionId, elsewhere);
    await fromLink.waitForSelector(byRole('button', 'Join this meeting'));
    await fromLink.close();

    // The invite link open in a tab: "Join this meeting" comes first, one click joins.
    const inviteTab = await rig.browser.newPage();
    await inviteTab.goto(invite);
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, inviteTab);
    await popup.waitForSelector(byRole('button', 'Join this meeting'));
    expect(await buttonNames(popup)).toEqual(['Join this meeting', 'New meeting', 'Join']);
    await waitForText(popup, 'answers');
    await saveScreens(popup, 'extension-popup-invite');
    const opened = rig.browser.waitForTarget(isMeetingTab);
    await click(popup, 'button', 'Join this meeting');
    const ben = (await (await opened).page())!;
    await ben.bringToFront();
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    await waitForVideoPlaying(ben, 'Hana');

    // Again from the invite tab: the meeting tab comes forward; no second one opens.
    await inviteTab.bringToFront();
    expect(await tabActive(ben)).toBe(false);
    const again = await openToolbarPopup(rig.browser, rig.extensionId, inviteTab);
    await click(again, 'button', 'Join this meeting');
    await ben.waitForFunction(
      () => chrome.tabs.getCurrent().then((tab) => tab?.active === true),
      POLL,
    );
    expect(rig.browser.targets().filter(isMeetingTab)).toHaveLength(1);
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    meeting = { host, invite, ben };
  });

  it('keeps the meeting Ben joined by its title and bare link, never his key, and opens it again through the waiting room', async () => {
    const { host, invite, ben } = meeting!;
    const accessKey = new URLSearchParams(new URL(invite).hash.slice(1)).get('k')!;
    const meetingId = new URLSearchParams(new URL(invite).hash.slice(1)).get('m')!;
    // The title Hana's device keeps the meeting under, as her tab shows it; Ben's tab shows it too.
    const title = await meetingTitleInTab(host);
    expect(title).toMatch(/^Meeting of /);
    expect(await ben.title()).toBe(`(2) ${title} · Conclave`);

    await click(ben, 'button', 'Leave');
    await waitForText(ben, 'You left the meeting');
    await waitForParticipants(host, ['Hana (you)']);

    const blank = await rig.browser.newPage();
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, blank);
    await popup.waitForSelector(byRole('listitem', title));
    await saveScreens(popup, 'extension-popup-joined');
    const kept = await everythingKept(popup);
    expect(kept).toContain(meetingId);
    expect(kept).not.toContain(accessKey);
    const joined = await joinedRecords(popup);
    expect(joined.map((entry) => Object.keys(entry).sort())).toEqual([
      ['hostKeyDigest', 'joinedAt', 'meetingId', 'title'],
    ]);

    // Ben's tab only says he left: "Open" knocks again in a new tab, and Hana lets him in.
    const reopened = rig.browser.waitForTarget(
      (t) => isMeetingTab(t) && !t.url().includes('k=') && t.url().includes(meetingId),
    );
    await click(popup, 'button', `Open ${title}`);
    const again = (await (await reopened).page())!;
    await waitForText(again, 'Waiting for the host to let you in…');
    await click(host, 'button', 'Admit Ben');
    await waitForParticipants(again, ['Hana', 'Ben (you)']);

    // While he is in it, "Open" brings that tab forward; "Forget" takes it off the list.
    await blank.bringToFront();
    const forward = await openToolbarPopup(rig.browser, rig.extensionId, blank);
    await click(forward, 'button', `Open ${title}`);
    await again.waitForFunction(
      () => chrome.tabs.getCurrent().then((tab) => tab?.active === true),
      POLL,
    );
    expect(rig.browser.targets().filter(isMeetingTab)).toHaveLength(2);
    const forget = await openToolbarPopup(rig.browser, rig.extensionId, blank);
    await click(forget, 'button', `Forget ${title}`);
    await forget.waitForSelector(byRole('list', 'Meetings you joined'), { hidden: true });
    // Its row gone, the focus is on the list's heading, and a screen reader hears what happened.
    await forget.waitForFunction(
      () => document.activeElement?.textContent === 'Meetings you joined',
      POLL,
    );
    await waitForText(forget, `Forgot ${title}.`);
    expect(await joinedRecords(forget)).toEqual([]);
    meeting = { host, invite, ben: again };
  });

  it('joins in one click with the camera off, never opening it, when Ben last joined with it off; turned on later, Hana sees it; and brings his own live meeting forward rather than start it twice', async () => {
    const { host, invite, ben: inMeeting } = meeting!;
    await click(inMeeting, 'button', 'Leave');
    await waitForText(inMeeting, 'You left the meeting');
    // Ben starts a meeting of his own from the popup, turning his camera off before he starts.
    const blank = await rig.browser.newPage();
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, blank);
    const earlier = rig.browser.targets();
    const opened = rig.browser.waitForTarget(
      (t) => t.url().includes('/meeting.html#') && !earlier.includes(t),
    );
    await click(popup, 'button', 'New meeting');
    const own = (await (await opened).page())!;
    await waitForText(own, 'Start your meeting');
    await own.waitForSelector('video[aria-label="Your camera preview"]:not(.hidden)');
    await click(own, 'button', 'Camera');
    await own.waitForSelector('button[aria-label="Camera"][aria-pressed="false"]');
    await waitForText(own, 'Your camera is off');
    await click(own, 'button', 'Start meeting');
    await waitForText(own, 'In the meeting.');

    // While it runs, the popup's "Your meetings" brings its tab forward, never starts it again.
    const title = await meetingTitleInTab(own);
    expect(title).toMatch(/^Meeting of /);
    await blank.bringToFront();
    expect(await tabActive(own)).toBe(false);
    const hosting = await openToolbarPopup(rig.browser, rig.extensionId, blank);
    const item = (await hosting.waitForSelector(
      `::-p-aria(Your meetings[role="list"]) >>> ${byRole('listitem', title)}`,
    ))!;
    const open = (await item.waitForSelector(byRole('button', `Open ${title}`)))!;
    expect(await item.$(byRole('button', `Start ${title}`))).toBeNull();
    const meetingTabs = rig.browser.targets().filter((t) => t.url().includes('/meeting.html#'));
    await open.click();
    await own.waitForFunction(
      () => chrome.tabs.getCurrent().then((tab) => tab?.active === true),
      POLL,
    );
    expect(rig.browser.targets().filter((t) => t.url().includes('/meeting.html#'))).toEqual(
      meetingTabs,
    );
    await waitForText(own, 'In the meeting.');
    await click(own, 'button', 'Leave');
    await own.close();

    // One click into Hana's meeting: his camera is never opened (its light never comes on),
    // and stays off for him and for Hana.
    const inviteTab = await rig.browser.newPage();
    await inviteTab.goto(invite);
    const join = await openToolbarPopup(rig.browser, rig.extensionId, inviteTab);
    const before = rig.browser.targets().filter(isMeetingTab);
    const joined = rig.browser.waitForTarget((t) => isMeetingTab(t) && !before.includes(t));
    const stopRecording = await recordMediaRequestsInNewPages(rig.browser);
    await click(join, 'button', 'Join this meeting');
    const ben = (await (await joined).page())!;
    await stopRecording();
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    await host.waitForSelector('li[aria-label="Ben"] .badge::-p-text(camera off)');
    await ben.waitForSelector('button[aria-label="Camera"][aria-pressed="false"]');
    await waitForVideoPlaying(ben, 'Hana');
    expect(await mediaRequests(ben)).toEqual([['audio']]);

    // Turned on in the meeting, his camera opens then and reaches Hana over the same call.
    await click(ben, 'button', 'Camera');
    await ben.waitForSelector('button[aria-label="Camera"][aria-pressed="true"]');
    await waitForVideoPlaying(host, 'Ben');
    expect(await mediaRequests(ben)).toEqual([['audio'], ['video']]);
  });
});
