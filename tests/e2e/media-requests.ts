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
 * Records what every tab Chromium opens from now on asks getUserMedia for, until the returned
 * function is called: for pages the extension opens itself. Each new target is told before it
 * runs anything (it waits for the debugger until Puppeteer resumes it, after these messages).
 */
export async function recordMediaRequestsInNewTabs(browser: Browser): Promise<() => void> {
  const connection = (await browser.target().createCDPSession()).connection();
  if (!connection) throw new Error('no CDP connection to Chromium');
  const attached = (session: CDPSession) => {
    // Enabled first, the script survives the tab's move from about:blank to another process.
    // A tab or worker target has no Page domain: those refusals are expected.
    void session.send('Page.enable').catch(() => undefined);
    void session
      .send('Page.addScriptToEvaluateOnNewDocument', { source: RECORD_MEDIA_REQUESTS })
      .catch(() => undefined);
  };
  connection.on(CDPSessionEvent.SessionAttached, attached);
  return () => connection.off(CDPSessionEvent.SessionAttached, attached);
}

/** The kinds of each getUserMedia call the page made, in order (throws if not recorded). */
export async function mediaRequests(page: Page): Promise<string[][]> {
  const requests = await page.evaluate(
    () => (window as unknown as { mediaRequests?: string[][] }).mediaRequests,
  );
  if (!requests) throw new Error('this page’s getUserMedia calls were not recorded');
  return requests;
}
