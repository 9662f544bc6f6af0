import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import {
  byRole,
  click,
  fill,
  hostNewMeeting,
  openToolbarPopup,
  waitForFramesRising,
  waitForParticipants,
  waitForText,
} from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig({ extension: true });

const hostMeeting = () => hostNewMeeting(rig.browser, rig.server.url, 'Hana');

async function alertText(page: Page): Promise<string> {
  const alert = await page
    .waitForSelector(byRole('alert', ''), { timeout: 30_000 })
    .catch(() => null);
  return alert ? alert.evaluate((el) => el.textContent ?? '') : '';
}

describe('what people are told when something is wrong', () => {
  // The host's peer id follows from the key in the link: a tampered key leads to an id that only
  // the holder of that other key could register, so the guest waits and reaches nobody.
  it('never reaches the host with a link whose host key was tampered with', async () => {
    const { host, invite } = await hostMeeting();
    const tampered = invite.replace(
      /h=([A-Za-z0-9_-])/,
      (_m, c: string) => `h=${c === 'A' ? 'B' : 'A'}`,
    );
    const guest = await (await rig.browser.createBrowserContext()).newPage();
    await guest.goto(tampered);
    await fill(guest, 'Your name', 'Mallory');
    await click(guest, 'button', 'Join meeting');
    await waitForText(guest, 'has not started this meeting yet');
    await waitForParticipants(host, ['Hana (you)']);
  });

  it('says the host is not there yet, and waits in the meeting screen', async () => {
    const { host, invite } = await hostMeeting();
    await click(host, 'button', 'Leave');
    const guest = await (await rig.browser.createBrowserContext()).newPage();
    await guest.goto(invite);
    await fill(guest, 'Your name', 'Ana');
    await click(guest, 'button', 'Join meeting');
    await waitForText(guest, 'The host has not started this meeting yet');
    expect(await guest.$(byRole('button', 'Leave'))).not.toBeNull();
  });

  it('joins without the microphone when it is denied, says so, still sees the host, and says the camera is blocked when turned on', async () => {
    const { host, invite } = await hostMeeting();
    const refusing = await launchChromium({ denyMedia: true });
    try {
      const guest = await refusing.newPage();
      // Ana last joined with her camera off: only the microphone is asked for, and refused.
      await guest.evaluateOnNewDocument(
        `location.origin === ${JSON.stringify(rig.server.url)} &&
          localStorage.setItem('conclave.devicesOnJoin', '{"audio":true,"video":false}')`,
      );
      await guest.goto(invite);
      await fill(guest, 'Your name', 'Ana');
      await click(guest, 'button', 'Join meeting');
      await waitForText(guest, 'Microphone access is blocked for this page');
      await waitForParticipants(host, ['Hana (you)', 'Ana']);
      await waitForParticipants(guest, ['Hana', 'Ana (you)']);
      const [before, after] = await waitForFramesRising(guest, 'Hana');
      expect(after).toBeGreaterThan(before);
      const disabled = (name: string) =>
        guest.$eval(byRole('button', name), (b) => (b as HTMLButtonElement).disabled);
      expect(await disabled('Microphone')).toBe(true);
      // The camera was never asked for, so it is not shown as missing; asked now, it is refused.
      expect(await disabled('Camera')).toBe(false);
      await click(guest, 'button', 'Camera');
      await waitForText(guest, 'Camera access is blocked for this page');
      expect(await guest.$eval(byRole('button', 'Camera'), (b) => b.ariaPressed)).toBe('false');
    } finally {
      await refusing.close();
    }
  });

  it('tells the person when the signaling server cannot be reached', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`chrome-extension://${rig.extensionId}/options.html`);
    // Port 9 (discard) on loopback: nothing listens there.
    await fill(page, 'Signaling servers', 'http://127.0.0.1:9/peerjs');
    await click(page, 'button', 'Save');
    await waitForText(page, 'Saved.');
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, page);
    await fill(popup, 'Your name', 'Ana');
    const opened = rig.browser.waitForTarget((t) => t.url().includes('/meeting.html#new'));
    await click(popup, 'button', 'New meeting');
    const meeting = (await (await opened).page())!;
    await click(meeting, 'button', 'Start meeting');
    expect(await alertText(meeting)).toContain('Cannot reach the meeting server');
    expect(await meeting.$(byRole('button', 'Back to lobby'))).not.toBeNull();
  });
});
