import { CDPSessionEvent, type Browser, type CDPSession, type Page } from 'puppeteer-core';

/**
 * Run in a page before its own scripts: keeps in `window.mediaRequests` the kinds each
 * getUserMedia call asked for (the call itself goes through unchanged).
 */
const RECORD_MEDIA_REQUESTS = `(() => {
  const requests = [];
  window.mediaRequests = requests;
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const ask = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) => {
    requests.push(['audio', 'video'].filter((kind) => constraints && constraints[kind]));
    return ask(constraints);
  };
})()`;

/** Records what this page's documents ask getUserMedia for, from its next document on. */
export async function recordMediaRequests(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(RECORD_MEDIA_REQUESTS);
}

/**
 * Records what every page Chromium opens from now on asks getUserMedia for, until the returned
 * function is called: for pages the extension opens itself. Attached on its own with
 * waitForDebuggerOnStart, each new page loads nothing until it has been told.
 */
export async function recordMediaRequestsInNewPages(
  browser: Browser,
): Promise<() => Promise<void>> {
  const watcher = await browser.target().createCDPSession();
  watcher.on(CDPSessionEvent.SessionAttached, (page: CDPSession) => void recordIn(page));
  await watcher.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
  });
  return () => watcher.detach();
}

async function recordIn(page: CDPSession): Promise<void> {
  // Enabled first, the script survives the page's move from about:blank to another process.
  await Promise.all([
    page.send('Page.enable'),
    page.send('Page.addScriptToEvaluateOnNewDocument', { source: RECORD_MEDIA_REQUESTS }),
  ]).catch(() => undefined); // a worker has no Page domain
  await page.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
}

/** The kinds of each getUserMedia call the page made, in order (throws if not recorded). */
export async function mediaRequests(page: Page): Promise<string[][]> {
  const requests = await page.evaluate(
    () => (window as unknown as { mediaRequests?: string[][] }).mediaRequests,
  );
  if (!requests) throw new Error('this page’s getUserMedia calls were not recorded');
  return requests;
}
