import { describe, expect, it } from 'vitest';
import {
  click,
  connectionDetails,
  fill,
  hostNewMeeting,
  waitForDetail,
  waitForFramesRising,
  waitForOwnTrackEnded,
  waitForParticipants,
} from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();

describe('camera off before someone joins', () => {
  it('sends nothing while off, and video once the host turns it back on', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    await click(host, 'button', 'Camera');
    await waitForOwnTrackEnded(host, 'Hana', 'video');

    const guest = await (await rig.browser.createBrowserContext()).newPage();
    await guest.goto(invite);
    await fill(guest, 'Your name', 'Ana');
    await click(guest, 'button', 'Join meeting');
    await waitForParticipants(guest, ['Hana', 'Ana (you)']);
    await guest.waitForSelector('li[aria-label="Hana"] .badge::-p-text(camera off)');
    // The connection is up, yet no video frame comes from a camera that is off.
    await waitForDetail(guest, 'Hana', 'DTLS', 'connected');
    expect((await connectionDetails(guest, 'Hana'))['Frames decoded']).toBe('0');

    await click(host, 'button', 'Camera');
    const [before, after] = await waitForFramesRising(guest, 'Hana');
    expect(after).toBeGreaterThan(before);
    await guest.waitForFunction(
      () => !document.querySelector('li[aria-label="Hana"]')?.textContent?.includes('camera off'),
      { polling: 50, timeout: 10_000 },
    );
  });
});
