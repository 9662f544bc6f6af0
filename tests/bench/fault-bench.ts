// How fast a meeting comes back from real faults: a guest's network cut (veth link down, in a
// network namespace of its own) and the signaling server restarted on the same port.
import type { Page } from 'puppeteer-core';
import type { RunningServer } from '../../server/app.ts';
import {
  joinAs,
  RECONNECTING_BADGE,
  SERVER_AWAY,
  videoFrames,
  waitForBadge,
  waitForNewFrame,
} from '../e2e/faults.ts';
import { launchCuttableChromium } from '../e2e/netns/cuttable-browser.ts';
import { hostNewMeeting, waitForParticipants, waitForVideoPlaying } from '../e2e/people.ts';
import { startTestServer } from '../e2e/server.ts';
import type { StepScope } from './steps.ts';

export const FAULT_BUDGET = {
  iceRestartRecoveryMs: 2_000,
  iceFailedRecoveryMs: 5_000,
  signalingRestartRecoveryMs: 2_000,
};

export interface FaultFigures {
  /** A 10 s outage (ICE interrupted, not failed): link up -> frames decoding both ways again. */
  iceRestartRecoveryMs: number;
  /** A 20 s outage (the connections fail and are placed again): link up -> frames both ways. */
  iceFailedRecoveryMs: number;
  /**
   * Server restarted at once (close, listen): listening again -> every client's screen has said
   * signaling is down and no longer does (each has registered again).
   */
  signalingRestartRecoveryMs: number;
}

declare global {
  interface Window {
    serverAway?: { seen: boolean; cleared: boolean };
  }
}

/** From now on the page notes when its screen says signaling is down, and when it clears. */
function watchServerAway(page: Page): Promise<void> {
  // No named functions in the page: tsx would wrap them in a helper the page does not have.
  return page.evaluate((away: string) => {
    const state = { seen: false, cleared: false };
    window.serverAway = state;
    const timer = setInterval(() => {
      const shown = document.body.innerText.includes(away);
      if (shown) state.seen = true;
      else if (state.seen) state.cleared = true;
      if (state.cleared) clearInterval(timer);
    }, 10);
  }, SERVER_AWAY);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A meeting of three on a server of its own: Hana and Ana in `browser`, Ben cuttable. */
export async function benchFaults(scope: StepScope): Promise<FaultFigures> {
  let port = 0;
  const listen = () => startTestServer({ host: '0.0.0.0', port });
  let server: RunningServer = await listen();
  // Whichever server is up when the step ends (it is restarted on the way).
  scope.own(null, () => server.close());
  port = Number(new URL(server.url).port);
  const cuttable = scope.own(await launchCuttableChromium(port), (c) => c.close());
  const browser = await scope.chromium();
  scope.doing = 'Hana, Ana and Ben (cuttable) joining';
  const { host, invite } = await hostNewMeeting(browser, `http://127.0.0.1:${port}`, 'Hana');
  const ana = await (await browser.createBrowserContext()).newPage();
  await joinAs(ana, invite, 'Ana');
  await waitForParticipants(host, ['Hana (you)', 'Ana']);
  const ben = await cuttable.browser.newPage();
  await joinAs(ben, invite, 'Ben');
  await waitForParticipants(ben, ['Hana', 'Ana', 'Ben (you)']);
  await waitForVideoPlaying(host, 'Ben');
  await waitForVideoPlaying(ben, 'Hana');

  /** Link down for `outageMs`, then the time until Hana and Ben see each other move again. */
  const outage = async (outageMs: number) => {
    scope.doing = `a ${outageMs / 1000} s outage of Ben's network`;
    cuttable.setLink(false);
    const cut = Date.now();
    await waitForBadge(host, 'Ben', RECONNECTING_BADGE, true);
    await delay(Math.max(0, cut + outageMs - Date.now()));
    const seen = [await videoFrames(host, 'Ben'), await videoFrames(ben, 'Hana')] as const;
    const up = Date.now();
    cuttable.setLink(true);
    await Promise.all([
      waitForNewFrame(host, 'Ben', seen[0]),
      waitForNewFrame(ben, 'Hana', seen[1]),
    ]);
    return Date.now() - up;
  };
  const iceRestartRecoveryMs = await outage(10_000);
  await waitForBadge(host, 'Ben', RECONNECTING_BADGE, false);
  const iceFailedRecoveryMs = await outage(20_000);
  await waitForBadge(host, 'Ben', RECONNECTING_BADGE, false);

  // A quick restart, as a deploy does it: each screen must say signaling is down, then clear.
  scope.doing = 'a restart of the signaling server';
  const everyone: Page[] = [host, ana, ben];
  await Promise.all(everyone.map(watchServerAway));
  await server.close();
  server = await listen();
  const back = Date.now();
  await Promise.all(
    everyone.map((page) =>
      page.waitForFunction(() => window.serverAway?.cleared, { polling: 20, timeout: 60_000 }),
    ),
  );
  const signalingRestartRecoveryMs = Date.now() - back;
  return { iceRestartRecoveryMs, iceFailedRecoveryMs, signalingRestartRecoveryMs };
}
