import type { Browser, Page } from 'puppeteer-core';

/** Puppeteer helpers that act as a person would: controls found by role and accessible name. */
export const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

const POLL = { polling: 50, timeout: 30_000 } as const;
const detailsPanel = (name: string) => `dl[aria-label="Connection details for ${name}"]`;

// Only the front tab keeps its accessibility tree current, so act on a page after raising it.
export async function fill(page: Page, label: string, text: string): Promise<void> {
  await page.bringToFront();
  const field = await page.waitForSelector(byRole('textbox', label));
  await field!.click();
  // Select everything, so typing replaces it (a triple click selects one line, or in Firefox
  // over BiDi nothing, in a multi-line field).
  await field!.evaluate((el) => (el as HTMLInputElement).select());
  await field!.type(text);
}

/** Clicks once the control is visible, enabled and has stopped moving (a panel still laying out). */
export async function click(page: Page, role: 'button' | 'link', name: string): Promise<void> {
  await page.bringToFront();
  await page.locator(byRole(role, name)).setTimeout(30_000).click();
}

/** Opens the host's actions for one person (the icon on their tile) and picks one. */
export async function hostAction(host: Page, name: string, action: string): Promise<void> {
  const menu = `Actions for ${name}`;
  if (!(await host.$(byRole('group', menu)))) await click(host, 'button', menu);
  await click(host, 'button', action);
}

export async function textboxValue(page: Page, label: string): Promise<string> {
  const field = await page.waitForSelector(byRole('textbox', label));
  return field!.evaluate((el) => (el as HTMLInputElement).value);
}

/** Names of the participant tiles, as a screen reader lists them. */
export async function participantNames(page: Page): Promise<string[]> {
  return page.$$eval(`${byRole('list', 'Participants')} > li`, (items) =>
    items.map((li) => li.getAttribute('aria-label') ?? ''),
  );
}

export async function waitForParticipants(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    (expected: string[]) => {
      const list = document.querySelector('ul[aria-label="Participants"]');
      const seen = [...(list?.children ?? [])].map((li) => li.getAttribute('aria-label'));
      return seen.length === expected.length && expected.every((n) => seen.includes(n));
    },
    POLL,
    names,
  );
}

/** The meeting's title once the tab shows it ("(2) Design review · Conclave"), a frame after the room. */
export async function meetingTitleInTab(page: Page): Promise<string> {
  const tabTitle = /^\(\d+\) (.+) · Conclave$/;
  await page.waitForFunction(
    (pattern: string) => new RegExp(pattern).test(document.title),
    POLL,
    tabTitle.source,
  );
  return tabTitle.exec(await page.title())![1]!;
}

declare global {
  interface Window {
    roomActivitySeen?: string[];
  }
}

/**
 * From now on, notes each line the room shows over the stage about who joined or left, if it is
 * visible when it appears (the lines last seconds, so they are recorded, not sampled).
 */
export async function recordRoomActivity(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    window.roomActivitySeen = seen;
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          const lines =
            node instanceof HTMLElement
              ? [node, ...node.querySelectorAll('li')].filter((el) =>
                  el.matches('.room-activity li'),
                )
              : [];
          for (const line of lines) {
            if (line.checkVisibility({ opacityProperty: false })) seen.push(line.textContent ?? '');
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

export async function waitForRoomActivity(page: Page, line: string): Promise<void> {
  await page.waitForFunction((l: string) => window.roomActivitySeen?.includes(l), POLL, line);
}

export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t: string) => document.body.innerText.includes(t), POLL, text);
}

/** Opens one tile's connection details and reads them as the page shows them. */
export async function connectionDetails(page: Page, name: string): Promise<Record<string, string>> {
  const panel = detailsPanel(name);
  // The details sit in that person's verification panel, opened from the people panel when it
  // is open (on a narrow screen it lies over the tiles), else from their tile.
  if (!(await page.$(panel))) {
    await page.bringToFront();
    const fromPeople = await page.$(
      `ul[aria-label="People in the meeting"] button[aria-label="Verify ${name}"]`,
    );
    if (fromPeople) await fromPeople.click();
    else await click(page, 'button', `Verify ${name}`);
  }
  // Read in the same turn as it is found: the panel re-renders as its figures refresh.
  const read = await page.waitForFunction(
    (sel: string) => {
      const dl = document.querySelector(sel);
      if (!dl?.querySelector('dt')) return null;
      const entries: Record<string, string> = {};
      for (const dt of dl.querySelectorAll('dt')) {
        entries[dt.textContent ?? ''] = (dt.nextElementSibling?.textContent ?? '').trim();
      }
      return entries;
    },
    POLL,
    panel,
  );
  return (await read.jsonValue()) as Record<string, string>;
}

/** Reads one value of an open connection-details panel, inside the page. */
function readDetail(panel: string, key: string): string | undefined {
  const dl = document.querySelector(panel);
  const dt = [...(dl?.querySelectorAll('dt') ?? [])].find((d) => d.textContent === key);
  return dt?.nextElementSibling?.textContent ?? undefined;
}

/** Waits until one value in a participant's connection details reads as expected. */
export async function waitForDetail(page: Page, name: string, key: string, value: string) {
  await connectionDetails(page, name);
  await page.waitForFunction(
    `(${readDetail.toString()})(${JSON.stringify(detailsPanel(name))}, ${JSON.stringify(key)}) === ${JSON.stringify(value)}`,
    POLL,
  );
}

/** Waits until the decoded video frames from one participant rise past a previous reading. */
export async function waitForFramesRising(page: Page, name: string): Promise<[number, number]> {
  const first = Number((await connectionDetails(page, name))['Frames decoded']);
  await page.waitForFunction(
    `Number((${readDetail.toString()})(${JSON.stringify(detailsPanel(name))}, 'Frames decoded')) > ${first}`,
    POLL,
  );
  const second = Number((await connectionDetails(page, name))['Frames decoded']);
  return [first, second];
}

/** Waits until `name`'s video element plays a picture, as the browser's autoplay policy allows. */
export async function waitForVideoPlaying(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (label: string) => {
      const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label}"]`);
      return !!video && !video.paused && video.videoWidth > 0;
    },
    POLL,
    `Video of ${name}`,
  );
}

/** Waits until the person's own camera or microphone track has stopped (indicator out). */
export async function waitForOwnTrackEnded(
  page: Page,
  name: string,
  kind: 'audio' | 'video',
): Promise<void> {
  await page.waitForFunction(
    (label: string, trackKind: string) => {
      const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label}"]`);
      const stream = video?.srcObject as MediaStream | null;
      return stream?.getTracks().find((t) => t.kind === trackKind)?.readyState === 'ended';
    },
    POLL,
    `Video of ${name} (you)`,
    kind,
  );
}

/**
 * Collects into `violations` what the browser refuses under the page's Content Security Policy.
 * Chromium says so on the console. Firefox does not (over WebDriver BiDi the console carries only
 * the page's own messages), so each document the page loads from now on also reports its
 * `securitypolicyviolation` events (either engine; in Chromium a refusal is then listed twice).
 */
export async function collectCspViolations(page: Page, violations: string[]): Promise<void> {
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => void violations.push(text));
  await page.evaluateOnNewDocument(() => {
    const report = (window as unknown as { reportCspViolation(text: string): void })
      .reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) =>
      report(`${event.violatedDirective} refused ${event.blockedURI}`),
    );
  });
}

/** The invite link as the People panel offers it, opening that panel when another is open. */
export async function inviteLinkOnScreen(page: Page): Promise<string> {
  await page.bringToFront();
  if (!(await page.$(byRole('textbox', 'Invite link')))) await click(page, 'button', 'People');
  return textboxValue(page, 'Invite link');
}

/** Points the extension at `server` on its options page (and sets the name, when given), saved. */
export async function saveExtensionSettings(
  options: Page,
  server: string,
  name?: string,
): Promise<void> {
  await fill(options, 'Signaling servers', server);
  if (name !== undefined) await fill(options, 'Your name', name);
  await click(options, 'button', 'Save');
  await waitForText(options, 'Saved.');
}

/** The host leaves a meeting that others are in: that ends it for everyone, once confirmed. */
export async function hostEndsMeeting(host: Page): Promise<void> {
  await click(host, 'button', 'Leave');
  await click(host, 'button', 'End for everyone');
}

/**
 * Opens the PWA in a fresh browser context and starts a meeting there, as its host; with
 * `cspViolations`, collects what the browser refuses on that page into it. `invite` is a
 * personal link that admits at once (no limit); `lobbyInvite`, the bare link, whose guests wait
 * in the waiting room until the host admits them.
 */
export async function hostNewMeeting(
  browser: Browser,
  serverUrl: string,
  name: string,
  cspViolations?: string[],
): Promise<{ host: Page; invite: string; lobbyInvite: string }> {
  const host = await (await browser.createBrowserContext()).newPage();
  if (cspViolations) await collectCspViolations(host, cspViolations);
  await host.goto(`${serverUrl}/`);
  await fill(host, 'Your name', name);
  await click(host, 'button', 'New meeting');
  await click(host, 'button', 'Start meeting');
  await waitForText(host, 'In the meeting.');
  const lobbyInvite = await inviteLinkOnScreen(host);
  return { host, invite: await issuePersonalLink(host, 'Guests'), lobbyInvite };
}

/** The host creates a personal link (access key) for `label` and reads it off the screen. */
export async function issuePersonalLink(
  host: Page,
  label: string,
  role: 'Participant' | 'Viewer (watch only)' = 'Participant',
): Promise<string> {
  await host.bringToFront();
  const toggle = await host.waitForSelector(byRole('button', 'Password and personal links'));
  if ((await toggle!.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') {
    await toggle!.click();
  }
  await fill(host, 'Who is it for', label);
  const roles = await host.waitForSelector(byRole('combobox', 'Role'));
  await roles!.select(role === 'Participant' ? 'participant' : 'viewer');
  await click(host, 'button', 'Create personal link');
  return textboxValue(host, `Personal link for ${label}`);
}

/**
 * Clicks the extension's toolbar button over `page` and returns the popup that opens. Chromium
 * only: Firefox over BiDi has no `extensions()` or `triggerAction` (see firefox-extension.ts).
 */
export async function openToolbarPopup(
  browser: Browser,
  extensionId: string,
  page: Page,
): Promise<Page> {
  const extension = (await browser.extensions()).get(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not installed`);
  const opened = browser.waitForTarget(
    (t) => t.url() === `chrome-extension://${extensionId}/popup.html`,
  );
  await extension.triggerAction(page);
  return (await opened).asPage();
}
