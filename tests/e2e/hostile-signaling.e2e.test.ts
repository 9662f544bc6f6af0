// A host's tab against a signaling server that writes whatever it likes to it (or relays it
// from a hostile peer, as a stock PeerServer does). The tab must stay bounded, keep admitting
// real guests, and always stop the camera and microphone on Leave.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { hostPeerIdOf } from './identity.ts';
import { byRole, click, fill, hostNewMeeting, waitForParticipants, waitForText } from './people.ts';

let evil: HostileServer;
let browser: Browser;
let offerSdp: string;

beforeAll(async () => {
  [evil, browser] = await Promise.all([startHostileServer(), launchChromium()]);
  offerSdp = await makeOfferSdp(browser);
});
afterAll(async () => {
  await browser?.close();
  await evil?.close();
});

/** A real data-channel offer, as a hostile peer would send over and over. */
async function makeOfferSdp(b: Browser): Promise<string> {
  const page = await b.newPage();
  const sdp = await page.evaluate(async () => {
    const pc = new RTCPeerConnection();
    pc.createDataChannel('x');
    const offer = await pc.createOffer();
    pc.close();
    return offer.sdp ?? '';
  });
  await page.close();
  return sdp;
}

let counter = 0;
const strangerId = () => `cv${(++counter).toString(16).padStart(32, '0')}`;
const connectionId = (prefix: 'dc' | 'mc') => `${prefix}_${(++counter).toString(36)}x`;

function offer(src: string, id: string, serialization: string): string {
  return JSON.stringify({
    type: 'OFFER',
    src,
    dst: '',
    payload: {
      type: 'data',
      connectionId: id,
      serialization,
      reliable: true,
      label: id,
      sdp: { type: 'offer', sdp: offerSdp },
    },
  });
}

/** Waits until the host's tab answered the offer `id`, as seen by the server. */
async function waitForAnswer(hostId: string, id: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!answered(hostId, id)) {
    if (Date.now() > deadline) throw new Error(`no ANSWER for ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function answered(hostId: string, id: string): boolean {
  return evil.sentBy(hostId).some((m) => {
    const payload = m.payload as { connectionId?: string } | undefined;
    return m.type === 'ANSWER' && payload?.connectionId === id;
  });
}

async function hostMeeting(): Promise<{ host: Page; invite: string; hostId: string }> {
  const { host, invite } = await hostNewMeeting(browser, evil.url, 'Hana');
  return { host, invite, hostId: hostPeerIdOf(invite) };
}

async function guestJoins(invite: string, name: string, others = ['Hana']): Promise<Page> {
  const guest = await (await browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', name);
  await click(guest, 'button', 'Join meeting');
  await waitForParticipants(guest, [...others, `${name} (you)`]);
  return guest;
}

async function usedHeapBytes(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

interface AwayWatch {
  awayWatch: { sawAway: boolean; inviteWhileAway: boolean };
}

/** In the page: records whether the invite link was ever on screen while the server was away. */
function watchInviteWhileAway(): void {
  const watch = { sawAway: false, inviteWhileAway: false };
  (window as unknown as AwayWatch).awayWatch = watch;
  new MutationObserver(() => {
    const away = document.body.innerText.includes('Reconnecting to the meeting server');
    const invite = [...document.querySelectorAll('label')].some(
      (label) =>
        label.textContent?.trim().startsWith('Invite link') && label.querySelector('input'),
    );
    watch.sawAway ||= away;
    watch.inviteWhileAway ||= away && invite;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

describe('a host tab fed by a hostile signaling server', () => {
  it('keeps nothing for candidates of connections it never opened, and still admits a guest', async () => {
    const { host, invite, hostId } = await hostMeeting();
    const before = await usedHeapBytes(host);
    const padding = 'a'.repeat(1000);
    for (let i = 0; i < 30_000; i++) {
      const frame = JSON.stringify({
        type: 'CANDIDATE',
        src: strangerId(),
        payload: {
          type: 'data',
          connectionId: connectionId('dc'),
          candidate: { candidate: `candidate:${padding}`, sdpMid: '0', sdpMLineIndex: 0 },
        },
      });
      void evil.inject(hostId, frame);
    }
    // Messages reach the tab in order: once the guest is in, the flood has been handled.
    await guestJoins(invite, 'Ana');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
    // 30,000 kept candidates of 1 KB would be 30 MB and more.
    expect((await usedHeapBytes(host)) - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('still admits a guest right after a flood of valid offers', async () => {
    const { host, invite, hostId } = await hostMeeting();
    // Past Chromium's ceiling of 500 peer connections.
    await Promise.all(
      Array.from({ length: 600 }, () =>
        evil.inject(hostId, offer(strangerId(), connectionId('dc'), 'raw')),
      ),
    );
    await guestJoins(invite, 'Ana');
    await waitForParticipants(host, ['Hana (you)', 'Ana']);
  });

  it('never opens a data connection in BinaryPack, or in a serialization that breaks cleanup', async () => {
    const { host, hostId } = await hostMeeting();
    const stranger = strangerId();
    const binary = connectionId('dc');
    const constructor = connectionId('dc');
    const raw = connectionId('dc');
    await evil.inject(hostId, offer(stranger, binary, 'binary'));
    await evil.inject(hostId, offer(stranger, constructor, 'constructor'));
    await evil.inject(hostId, offer(strangerId(), raw, 'raw'));
    // The tab handles offers in order: it answered ours, and so had already refused the others.
    await waitForAnswer(hostId, raw);
    expect(answered(hostId, binary)).toBe(false);
    expect(answered(hostId, constructor)).toBe(false);

    // Leave ends the meeting and turns camera and microphone off.
    await host.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>(
        'video[aria-label="Video of Hana (you)"]',
      );
      (window as unknown as { ownStream: unknown }).ownStream = video?.srcObject;
    });
    await click(host, 'button', 'Leave');
    await waitForText(host, 'You left the meeting.');
    const liveTracks = await host.evaluate(() =>
      ((window as unknown as { ownStream: MediaStream }).ownStream?.getTracks() ?? [])
        .filter((t) => t.readyState === 'live')
        .map((t) => t.kind),
    );
    expect(liveTracks).toEqual([]);
  });

  it('says when the server is away, hides the invite meanwhile, and carries on when it is back', async () => {
    const { host, invite, hostId } = await hostMeeting();
    const ana = await guestJoins(invite, 'Ana');
    expect(await host.$(byRole('textbox', 'Invite link'))).not.toBeNull();
    // Away only for a moment: every change of the page is checked, not a sample of them.
    await host.evaluate(watchInviteWhileAway);
    evil.disconnect(hostId);
    await waitForText(host, 'Reconnecting to the meeting server');
    // The host comes back by itself; the call never stopped, and new people get in again.
    await waitForText(host, 'In the meeting.');
    expect(await host.evaluate(() => (window as unknown as AwayWatch).awayWatch)).toEqual({
      sawAway: true,
      inviteWhileAway: false,
    });
    expect(await host.$(byRole('textbox', 'Invite link'))).not.toBeNull();
    await waitForParticipants(ana, ['Hana', 'Ana (you)']);
    await guestJoins(invite, 'Ben', ['Hana', 'Ana']);
    await waitForParticipants(host, ['Hana (you)', 'Ana', 'Ben']);
  });

  it('tells the host when the server gives its id to someone else, and keeps the meeting', async () => {
    const { host, hostId } = await hostMeeting();
    await evil.inject(
      hostId,
      JSON.stringify({ type: 'ID-TAKEN', payload: { msg: 'ID is taken' } }),
    );
    await waitForText(host, 'gave this meeting’s address to another connection');
    await waitForText(host, 'Everyone here stays connected, but nobody new can join.');
    expect(await host.$(byRole('textbox', 'Invite link'))).toBeNull();
  });
});
