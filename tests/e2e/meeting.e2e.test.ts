import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  click,
  collectCspViolations,
  connectionDetails,
  fill,
  hostEndsMeeting,
  openToolbarPopup,
  recordRoomActivity,
  saveExtensionSettings,
  textboxValue,
  waitForFramesRising,
  waitForOwnTrackEnded,
  waitForParticipants,
  waitForRoomActivity,
  waitForText,
} from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig({ extension: true });

async function newPage(incognito = false): Promise<Page> {
  const context = incognito
    ? await rig.browser.createBrowserContext()
    : rig.browser.defaultBrowserContext();
  return context.newPage();
}

describe('a meeting across the PWA and the extension', () => {
  it('connects a PWA host, a PWA guest and an extension guest who all see each other', async () => {
    // The extension is pointed at our test server through its options page.
    const options = await newPage();
    await options.goto(`chrome-extension://${rig.extensionId}/options.html`);
    await saveExtensionSettings(options, `${rig.server.url}/peerjs`);
    await options.close();

    const cspViolations: string[] = [];
    const host = await newPage();
    await collectCspViolations(host, cspViolations);
    await host.goto(`${rig.server.url}/`);
    await fill(host, 'Your name', 'Hana');
    await click(host, 'button', 'New meeting');
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    const invite = await textboxValue(host, 'Invite link');
    expect(invite).toMatch(
      new RegExp(`^${rig.server.url}/join#m=[0-9a-f]{32}&h=[A-Za-z0-9_-]{43}$`),
    );
    await rig.browser
      .defaultBrowserContext()
      .overridePermissions(rig.server.url, [
        'camera',
        'microphone',
        'clipboard-read',
        'clipboard-sanitized-write',
      ]);
    await click(host, 'button', 'Copy invite link');
    await waitForText(host, 'Copied.');
    expect(await host.evaluate(() => navigator.clipboard.readText())).toBe(invite);

    const ana = await newPage(true);
    await collectCspViolations(ana, cspViolations);
    await ana.goto(invite);
    await fill(ana, 'Your name', 'Ana');
    await click(ana, 'button', 'Join meeting');

    // Ben uses the extension: its toolbar button, over whatever page he is on.
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, await newPage());
    await fill(popup, 'Your name', 'Ben');
    await fill(popup, 'Invite link', invite);
    const meetingTab = rig.browser.waitForTarget((t) => t.url().includes('/meeting.html#join&'));
    await click(popup, 'button', 'Join');
    const ben = (await (await meetingTab).page())!;
    await collectCspViolations(ben, cspViolations);

    // With the bare link, both wait in the waiting room until the host lets them in.
    await recordRoomActivity(host);
    await click(host, 'button', 'Admit Ana');
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await recordRoomActivity(ana);
    await click(host, 'button', 'Admit Ben');
    await waitForParticipants(host, ['Hana (you)', 'Ana', 'Ben']);
    await waitForParticipants(ana, ['Hana', 'Ana (you)', 'Ben']);
    await waitForParticipants(ben, ['Hana', 'Ana', 'Ben (you)']);
    // Everyone sees who came in, over the stage, not only a screen reader.
    await waitForRoomActivity(host, 'Ana joined');
    await waitForRoomActivity(host, 'Ben joined');
    await waitForRoomActivity(ana, 'Ben joined');

    const everyone = { Hana: host, Ana: ana, Ben: ben };
    for (const [self, page] of Object.entries(everyone)) {
      for (const other of Object.keys(everyone).filter((n) => n !== self)) {
        const [before, after] = await waitForFramesRising(page, other);
        expect(after, `${self} decodes ${other}'s video`).toBeGreaterThan(before);
        const details = await connectionDetails(page, other);
        expect(details.DTLS, `${self} <-> ${other}`).toBe('connected');
        expect(details['SRTP cipher']).toMatch(/AES/);
      }
    }

    // Camera and microphone off really stop their tracks, and the others see it.
    await click(ana, 'button', 'Camera');
    await waitForOwnTrackEnded(ana, 'Ana', 'video');
    await host.waitForSelector('li[aria-label="Ana"] .badge::-p-text(camera off)');
    await click(ana, 'button', 'Microphone');
    await waitForOwnTrackEnded(ana, 'Ana', 'audio');
    await host.waitForSelector('li[aria-label="Ana"] .badge::-p-text(muted)');

    // Ben leaves; the others' screens update.
    await click(ben, 'button', 'Leave');
    await waitForText(ben, 'You left the meeting.');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await waitForRoomActivity(ana, 'Ben left');

    // The host leaves: the meeting ends for everyone, and they are told.
    await hostEndsMeeting(host);
    await waitForText(ana, 'The host ended the meeting.');

    // All of it ran under our strict CSP without the browser refusing anything.
    expect(cspViolations).toEqual([]);
  });
});
