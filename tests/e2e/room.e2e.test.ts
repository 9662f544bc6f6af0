import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  byRole,
  click,
  fill,
  issuePersonalLink,
  waitForDetail,
  waitForParticipants,
  waitForText,
} from './people.ts';
import {
  chooseOption,
  DESKTOP,
  insideViewport,
  joinAsGuest,
  newPerson,
  PHONE,
  screenshot,
  sentTracks,
  shownCode,
  waitForVideoWidth,
} from './room-helpers.ts';
import { useRig } from './rig.ts';

const rig = useRig();
const POLL = { polling: 50, timeout: 30_000 } as const;

describe('the meeting room', () => {
  let host: Page;
  let ana: Page;
  let invite: string;

  it('honours the pre-join choices, shares a screen onto the other’s stage, and shows both the same code', async () => {
    // Hana starts a meeting on a desktop and picks her second microphone before joining.
    host = await newPerson(rig.browser, DESKTOP);
    await host.goto(`${rig.server.url}/`);
    await screenshot(host, 'lobby');
    await fill(host, 'Your name', 'Hana');
    await click(host, 'button', 'New meeting');
    await host.waitForSelector(byRole('heading', 'Start your meeting'));
    const chosenMic = await chooseOption(host, 'Microphone device', 'Fake Audio Input 2');
    // The select shows the device of the track in use: it reads the choice once it is live.
    await host.waitForFunction(
      (id: string) =>
        document.querySelector<HTMLSelectElement>('label.device:last-of-type select')?.value === id,
      POLL,
      chosenMic,
    );
    await host.waitForSelector('video[aria-label="Your camera preview"]:not(.hidden)');
    const hostLabel = await host.$eval('dd.key-label:last-of-type', (dd) => dd.textContent);
    await screenshot(host, 'prejoin');
    await click(host, 'button', 'Start meeting');
    await waitForText(host, 'In the meeting.');
    // A personal link admits at once (the bare link waits for the host in the waiting room).
    invite = await issuePersonalLink(host, 'Guests');
    await screenshot(host, 'meeting-alone');

    // Ana joins on a phone with her camera off; she sees the same host key label first.
    ana = await newPerson(rig.browser, PHONE);
    await ana.goto(invite);
    await ana.waitForSelector(byRole('heading', 'Join the meeting'));
    expect(await ana.$eval('dd.key-label:last-of-type', (dd) => dd.textContent)).toBe(hostLabel);
    await screenshot(ana, 'prejoin');
    await joinAsGuest(ana, invite, 'Ana', { cameraOff: true });
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await host.waitForSelector('li[aria-label="Ana"] .badge::-p-text(camera off)');

    // What goes out on the wire is what was chosen: Hana's second microphone, and no video at
    // all from Ana (her connection is up and sends her microphone).
    await waitForDetail(host, 'Ana', 'DTLS', 'connected');
    await host.waitForFunction(
      () =>
        (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections.some(
          (pc) => pc.connectionState === 'connected',
        ),
      POLL,
    );
    const fromHana = await sentTracks(host);
    expect(fromHana.find((t) => t.kind === 'audio')?.deviceId).toBe(chosenMic);
    const fromAna = await sentTracks(ana);
    expect(fromAna.map((t) => t.kind)).toEqual(['audio']);
    expect((await ana.$eval('title', (t) => t.textContent)) ?? '').toMatch(/^\(2\)/);

    // Hana shares her screen: it takes the stage on Ana's phone, and stops from the bar.
    await waitForVideoWidth(ana, 'Hana', 640);
    await click(host, 'button', 'Share screen');
    await waitForVideoWidth(ana, 'Hana', 800);
    await ana.waitForSelector('li.spotlight[aria-label="Hana"] .badge::-p-text(presenting)');
    await screenshot(ana, 'meeting-screen-share');
    await screenshot(host, 'meeting-screen-share');
    await click(host, 'button', 'Share screen');
    await waitForVideoWidth(ana, 'Hana', 640);
    await ana.waitForFunction(() => !document.querySelector('li.spotlight'), POLL);

    // Speaker view on Hana's screen while only Hana speaks (Ana muted, Hana's fake microphone
    // beeping): the stage is Ana's, never Hana's own tile.
    await click(ana, 'button', 'Microphone');
    await ana.waitForSelector('button[aria-label="Microphone"][aria-pressed="false"]');
    await click(host, 'button', 'More options');
    await click(host, 'button', 'Speaker view');
    await host.waitForSelector('li.speaking[aria-label="Hana (you)"]', POLL);
    expect(await host.$$eval('li.spotlight', (tiles) => tiles.map((t) => t.ariaLabel))).toEqual([
      'Ana',
    ]);
    await click(host, 'button', 'More options');
    await click(host, 'button', 'Grid view');
    await host.waitForFunction(() => !document.querySelector('li.spotlight'), POLL);
    await click(ana, 'button', 'Microphone');

    // Both open each other's verification panel: the same code on both screens.
    await click(host, 'button', 'Verify Ana');
    await click(ana, 'button', 'Verify Hana');
    const codeOnHost = await shownCode(host);
    expect(codeOnHost).toMatch(/Numbers: \d{4} \d{4} \d{4}/);
    expect(await shownCode(ana)).toBe(codeOnHost);
    await screenshot(ana, 'verification');
    await click(host, 'button', 'They match: mark Ana verified');
    await host.waitForSelector('li[aria-label="Ana"] .badge::-p-text(verified by you)');
    await screenshot(host, 'verification');

    // The people panel lists everyone with role and microphone state.
    await click(ana, 'button', 'Close verify hana');
    await click(ana, 'button', 'People');
    const people = await ana.waitForSelector(byRole('list', 'People in the meeting'));
    const listed = await people!.evaluate((ul) => ul.textContent ?? '');
    expect(listed).toMatch(/Hana.*Host/);
    expect(listed).toMatch(/Ana \(you\).*Participant/);
    await screenshot(ana, 'people');
    await click(ana, 'button', 'Close people');
  });

  it('keeps the control bar on a phone screen with six people', async () => {
    // Four more join (camera off keeps the machine calm): the bar stays on Ana's phone screen.
    const more = ['Ben', 'Cai', 'Dee', 'Eve'];
    const pages = await Promise.all(more.map(() => newPerson(rig.browser, PHONE)));
    await Promise.all(pages.map((page) => page.goto(invite)));
    for (const [i, page] of pages.entries()) {
      await joinAsGuest(page, invite, more[i]!, { cameraOff: true });
    }
    await waitForParticipants(ana, ['Hana', 'Ana (you)', ...more]);
    expect(await insideViewport(ana, '[role="toolbar"][aria-label="Meeting controls"]')).toBe(true);
    for (const name of ['Microphone', 'Camera', 'Share screen', 'People', 'Leave']) {
      expect(await ana.$(byRole('button', name)), name).not.toBeNull();
    }
    await screenshot(ana, 'meeting-six');
    await screenshot(host, 'meeting-six');
  });
});
