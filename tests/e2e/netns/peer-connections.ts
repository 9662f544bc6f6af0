import type { Page } from 'puppeteer-core';

interface Recorded {
  /** Every RTCPeerConnection the page made. */
  peerConnections: RTCPeerConnection[];
  /** Those that were up when `markConnectionsUp` ran. */
  upAtMark: RTCPeerConnection[];
}

/** Keeps every RTCPeerConnection the page makes, so a test can wait on their state. */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const recorded = window as unknown as Recorded;
    recorded.peerConnections = [];
    window.RTCPeerConnection = new Proxy(RTCPeerConnection, {
      construct(target, args: ConstructorParameters<typeof RTCPeerConnection>) {
        const pc = new target(...args);
        recorded.peerConnections.push(pc);
        return pc;
      },
    });
  });
}

/** Notes the page's connections that are up now; returns how many. */
export function markConnectionsUp(page: Page): Promise<number> {
  return page.evaluate(() => {
    const recorded = window as unknown as Recorded;
    recorded.upAtMark = recorded.peerConnections.filter((pc) => pc.connectionState === 'connected');
    return recorded.upAtMark.length;
  });
}

/**
 * Waits until the browser has given up on every connection noted by `markConnectionsUp`
 * (failed, or closed on failing): the network was gone long enough for ICE to fail.
 */
export async function waitForConnectionsFailed(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window as unknown as Recorded).upAtMark.every((pc) =>
        ['failed', 'closed'].includes(pc.connectionState),
      ),
    { polling: 100, timeout: 60_000 },
  );
}
