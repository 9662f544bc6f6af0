import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './server.ts';
import { saveScreens } from './artifacts.ts';
import { PwaChunks } from './build-manifest.ts';
import { joinedRecords } from './extension-storage.ts';
import {
  byRole,
  click,
  fill,
  hostNewMeeting,
  inviteLinkOnScreen,
  waitForParticipants,
  waitForText,
  meetingTitleInTab,
} from './people.ts';
import { joinAsGuest } from './room-helpers.ts';
import { useRig } from './rig.ts';

const rig = useRig();
const POLL = { polling: 50, timeout: 30_000 } as const;
const FRAGMENT = `m=${'a'.repeat(32)}&h=${'B'.repeat(43)}`;

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, POLL);
}

interface Manifest {
  id: string;
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; purpose?: string }[];
  screenshots: { src: string; sizes: string; form_factor: string }[];
  share_target: { action: string; method: string; params: Record<string, string> };
  protocol_handlers: { protocol: string; url: string }[];
}

/** A PNG's width x height, read from its header. */
const pngSize = (png: Buffer) => `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;

describe('the installable web app', () => {
  it('is installable: Chromium finds no installability errors', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.server.url}/`);
    await waitForServiceWorker(page);
    const cdp = await page.createCDPSession();
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await saveScreens(page, 'pwa-lobby');
    await page.close();
  });

  it('has a complete manifest whose images exist at their stated sizes', async () => {
    const manifest = (await (
      await fetch(`${rig.server.url}/manifest.webmanifest`)
    ).json()) as Manifest;
    expect(manifest).toMatchObject({
      id: '/',
      name: 'Conclave',
      short_name: 'Conclave',
      start_url: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#/),
      background_color: expect.stringMatching(/^#/),
      share_target: { action: '/join', method: 'GET', params: { url: 'url', text: 'text' } },
      protocol_handlers: [{ protocol: 'web+conclave', url: '/join?link=%s' }],
    });
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
    expect(icons).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const response = await fetch(rig.server.url + image.src);
      expect(response.headers.get('content-type'), image.src).toBe('image/png');
      expect(pngSize(Buffer.from(await response.arrayBuffer())), image.src).toBe(image.sizes);
    }
  });

  it('opens offline, says joining needs a connection, and joins by itself when it is back', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.server.url}/`);
    await waitForServiceWorker(page);
    await page.waitForSelector(byRole('button', 'New meeting'));
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('You are offline');

    await page.setOfflineMode(true);
    await page.reload();
    await waitForText(page, 'You are offline.');
    await waitForText(page, 'Joining a meeting needs a connection');
    await saveScreens(page, 'pwa-lobby-offline');

    await fill(page, 'Your name', 'Hana');
    await click(page, 'button', 'New meeting');
    await click(page, 'button', 'Start meeting');
    await waitForText(page, 'You will join as soon as the connection is back.');
    expect(await page.$(byRole('button', 'Cancel joining'))).not.toBeNull();

    await page.setOfflineMode(false);
    await waitForText(page, 'In the meeting.');
    await page.close();
  });

  it('opens an invite link, a shared link and a web+conclave: address at the join screen, offline', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.server.url}/`);
    await waitForServiceWorker(page);
    await page.setOfflineMode(true);
    const shared = new URLSearchParams({ text: `Join me: ${rig.server.url}/join#${FRAGMENT}` });
    const address = new URLSearchParams({ link: `web+conclave://join#${FRAGMENT}` });
    for (const route of [`/join#${FRAGMENT}`, `/join?${shared}`, `/join?${address}`]) {
      await page.goto('about:blank');
      await page.goto(`${rig.server.url}${route}`);
      expect(await page.waitForSelector(byRole('button', 'Join meeting')), route).not.toBeNull();
    }
    await page.close();
  });
});

declare global {
  interface Window {
    /** Runs the idle callbacks held so far, and from then on every one at once. */
    runIdle(): void;
  }
}

/**
 * A lobby page, by default in a context of its own (no cache, no service worker). Its idle
 * callbacks wait for `runIdle`, so whatever it fetches before then is its first load; its
 * requests for the `held` files wait for `release`. `scripts` lists every script it asked for.
 */
async function lobbyPage(held: string[] = [], context?: BrowserContext) {
  const page = await (context ?? (await rig.browser.createBrowserContext())).newPage();
  await page.evaluateOnNewDocument(() => {
    let idle = false;
    let next = 0;
    const waiting = new Map<number, IdleRequestCallback>();
    const deadline = { didTimeout: false, timeRemaining: () => 50 };
    window.requestIdleCallback = (callback) => {
      if (idle) return setTimeout(() => callback(deadline)) as unknown as number;
      waiting.set(++next, callback);
      return next;
    };
    window.cancelIdleCallback = (handle) => void waiting.delete(handle);
    window.runIdle = () => {
      idle = true;
      const callbacks = [...waiting.values()];
      waiting.clear();
      for (const callback of callbacks) callback(deadline);
    };
  });
  const scripts: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('.js')) scripts.push(pathname);
    if (held.includes(pathname)) void released.then(() => request.continue());
    else void request.continue();
  });
  const requested = (file: string) =>
    scripts.includes(file)
      ? Promise.resolve()
      : page.waitForRequest((r) => new URL(r.url()).pathname === file, POLL).then(() => undefined);
  return { page, scripts, requested, release };
}

describe("the lobby's first load", () => {
  const chunks = new PwaChunks();
  const PRE_JOIN = 'shared/ui/prejoin/PreJoin.tsx';
  // The pre-join screen with its local media, and the meeting screen with PeerJS.
  const preJoinAndMeeting = chunks.exclusiveTo([
    PRE_JOIN,
    'shared/ui/prejoin/prepare-media.ts',
    'shared/ui/meeting/MeetingView.tsx',
  ]);

  it('fetches no pre-join or meeting code before the lobby is interactive, then fetches it when idle', async () => {
    const { page, scripts, requested } = await lobbyPage();
    await page.goto(`${rig.server.url}/`);
    await fill(page, 'Your name', 'Hana');
    expect(scripts).toEqual(expect.arrayContaining([...chunks.firstLoad()]));
    expect(preJoinAndMeeting).toContain(chunks.file(PRE_JOIN));
    expect(scripts.filter((file) => preJoinAndMeeting.includes(file))).toEqual([]);

    await page.evaluate(() => window.runIdle());
    await Promise.all(preJoinAndMeeting.map(requested));
    await page.browserContext().close();
  });

  it('keeps the tagline, which the page paints before any script, its largest content on a phone', async () => {
    const { page } = await lobbyPage();
    await page.setViewport({ width: 412, height: 823 });
    await page.goto(`${rig.server.url}/`);
    await fill(page, 'Your name', 'Hana');
    // LCP's last entry names the largest element painted: the tagline, whether the page's own
    // (painted before any script) or the app's same-sized copy. Anything the app renders that is
    // larger (as the relay-only hint once was) would be a later entry.
    const largest = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) =>
          new PerformanceObserver((list) =>
            resolve(list.getEntries().map((e) => (e as LargestContentfulPaint).id)),
          ).observe({ type: 'largest-contentful-paint', buffered: true }),
        ),
    );
    expect(largest.at(-1)).toBe('lobby-tagline');
    await page.browserContext().close();
  });

  it('keeps the lobby on screen until the pre-join screen has arrived; an invite link says it is opening', async () => {
    const lobby = await lobbyPage([chunks.file(PRE_JOIN)]);
    await lobby.page.goto(`${rig.server.url}/`);
    await fill(lobby.page, 'Your name', 'Hana');
    await click(lobby.page, 'button', 'New meeting');
    await lobby.requested(chunks.file(PRE_JOIN));
    // Its code is on the way: the lobby stays as it was, nothing blank in between.
    expect(await lobby.page.$(byRole('heading', 'Conclave'))).not.toBeNull();
    expect(await lobby.page.$(byRole('button', 'New meeting'))).not.toBeNull();
    lobby.release();
    await lobby.page.waitForSelector(byRole('heading', 'Start your meeting'));
    await lobby.page.waitForSelector(byRole('button', 'Start meeting'));
    await lobby.page.browserContext().close();

    const invited = await lobbyPage([chunks.file(PRE_JOIN)]);
    await invited.page.goto(`${rig.server.url}/join#${FRAGMENT}`);
    await invited.requested(chunks.file(PRE_JOIN));
    await waitForText(invited.page, 'Opening the meeting…');
    expect(await invited.page.$eval('[role="status"]', (e) => e.textContent)).toBe(
      'Opening the meeting…',
    );
    expect(await invited.page.$(byRole('heading', 'Conclave'))).not.toBeNull();
    invited.release();
    await invited.page.waitForSelector(byRole('heading', 'Join the meeting'));
    await invited.page.waitForSelector(byRole('button', 'Join meeting'));
    await invited.page.browserContext().close();
  });
});

const chatDatabases = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases())
      .map((db) => db.name)
      .filter((n) => n?.startsWith('conclave-chat-')),
  );

describe("the lobby's start-up sweep of chat vaults", () => {
  it('runs when idle: deletes what a crashed session left, never a live session’s vault', async () => {
    const context = await rig.browser.createBrowserContext();
    const inMeeting = await context.newPage();
    await inMeeting.goto(`${rig.server.url}/`);
    await fill(inMeeting, 'Your name', 'Hana');
    await click(inMeeting, 'button', 'New meeting');
    await click(inMeeting, 'button', 'Start meeting');
    await waitForText(inMeeting, 'In the meeting.');
    await inMeeting.waitForFunction(
      async () => (await indexedDB.databases()).some((db) => db.name?.startsWith('conclave-chat-')),
      POLL,
    );
    const [live] = await chatDatabases(inMeeting);

    // Another tab starts; before it is idle, a vault nobody holds (a crashed session's) appears.
    const lobby = await lobbyPage([], context);
    await lobby.page.goto(`${rig.server.url}/`);
    await lobby.page.waitForSelector(byRole('button', 'New meeting'));
    await lobby.page.evaluate(
      () =>
        new Promise((resolve) => {
          const request = indexedDB.open('conclave-chat-left-behind');
          request.onsuccess = () => resolve(request.result.close());
        }),
    );
    expect((await chatDatabases(lobby.page)).sort()).toEqual([live, 'conclave-chat-left-behind']);

    await lobby.page.evaluate(() => window.runIdle());
    await lobby.page.waitForFunction(
      async () =>
        (await indexedDB.databases()).every((db) => db.name !== 'conclave-chat-left-behind'),
      POLL,
    );
    expect(await chatDatabases(lobby.page)).toEqual([live]);
    expect(await inMeeting.evaluate(() => document.body.innerText)).toContain('In the meeting.');
    await context.close();
  });
});

describe('a new version of the web app', () => {
  it('is offered with "Reload to update", and reloads only when the person clicks', async () => {
    // A deployment of its own, so the test can put a new build in place under it.
    const staticDir = mkdtempSync(path.join(tmpdir(), 'conclave-deploy-'));
    cpSync('dist/pwa', staticDir, { recursive: true });
    const server = await startTestServer({ staticDir });
    try {
      const page = await rig.browser.newPage();
      await page.goto(`${server.url}/`);
      await waitForServiceWorker(page);
      await fill(page, 'Your name', 'Uma');
      await click(page, 'button', 'New meeting');
      await click(page, 'button', 'Start meeting');
      await waitForText(page, 'In the meeting.');
      await page.evaluate(() => ((window as { oldPage?: boolean }).oldPage = true));

      // The next build: a changed page, and a service worker naming its new revision.
      const html = path.join(staticDir, 'index.html');
      writeFileSync(html, readFileSync(html, 'utf8').replace('</body>', '<!-- build 2 --></body>'));
      const sw = path.join(staticDir, 'sw.js');
      writeFileSync(
        sw,
        readFileSync(sw, 'utf8').replace(
          /(\{url:"index\.html",revision:)"[0-9a-f]+"/,
          '$1"build-2"',
        ),
      );
      // What the browser does on its own at the next navigation or hourly check.
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));

      await page.waitForSelector(byRole('button', 'Reload to update'));
      await saveScreens(page, 'pwa-update-in-meeting');
      expect(await page.evaluate(() => document.body.innerText)).toContain('In the meeting.');
      expect(await page.evaluate(() => (window as { oldPage?: boolean }).oldPage)).toBe(true);

      await Promise.all([page.waitForNavigation(), click(page, 'button', 'Reload to update')]);
      // A host's reload resumes the meeting at the pre-join screen.
      await page.waitForSelector(byRole('button', 'Start meeting'));
      expect(await page.content()).toContain('<!-- build 2 -->');
      expect(await page.evaluate(() => (window as { oldPage?: boolean }).oldPage)).toBeUndefined();
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe('the meetings a guest joined', () => {
  it('are listed in the lobby by title, without the key, and "Open" knocks again', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const accessKey = new URLSearchParams(new URL(invite).hash.slice(1)).get('k')!;
    const ben = await (await rig.browser.createBrowserContext()).newPage();
    await joinAsGuest(ben, invite, 'Ben');
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    const title = await meetingTitleInTab(host);
    expect(title).toMatch(/^Meeting of /);
    await click(ben, 'button', 'Leave');
    await waitForText(ben, 'You left the meeting');

    // Later, Ben opens the app: the meeting is there by its title; his personal key is not kept.
    await ben.goto(`${rig.server.url}/`);
    await ben.waitForSelector(byRole('listitem', title));
    const joined = await joinedRecords(ben);
    expect(joined.map((entry) => Object.keys(entry).sort())).toEqual([
      ['hostKeyDigest', 'joinedAt', 'meetingId', 'title'],
    ]);
    expect(
      JSON.stringify({ joined, localStorage: await ben.evaluate(() => ({ ...localStorage })) }),
    ).not.toContain(accessKey);

    await click(ben, 'button', `Open ${title}`);
    await click(ben, 'button', 'Join meeting');
    await waitForText(ben, 'Waiting for the host to let you in…');
    await click(host, 'button', 'Admit Ben');
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    await Promise.all([host, ben].map((page) => page.browserContext().close()));
  });
});

describe('a meeting this browser hosts in one tab', () => {
  it('is never started in a second: the lobby says it is open elsewhere, and its address refuses', async () => {
    const { host, invite, lobbyInvite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const ben = await (await rig.browser.createBrowserContext()).newPage();
    await joinAsGuest(ben, invite, 'Ben');
    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    const title = await meetingTitleInTab(host);
    const hostAddress = host.url();
    expect(new URL(hostAddress).hash).toMatch(/^#host=/);

    // Another tab of the same browser: the meeting is listed, but not offered to start again.
    const other = await host.browserContext().newPage();
    await other.goto(`${rig.server.url}/`);
    const item = (await other.waitForSelector(byRole('listitem', title)))!;
    await waitForText(other, 'In progress in another tab or window');
    expect(await item.$(byRole('button', `Start ${title}`))).toBeNull();
    expect(await item.$(byRole('button', `Copy invite link of ${title}`))).not.toBeNull();

    // Its host address opened there anyway (a stale list, a bookmark): refused, nothing taken.
    await other.goto('about:blank');
    await other.goto(hostAddress);
    await click(other, 'button', 'Start meeting');
    await waitForText(other, 'Already open in another tab');
    await waitForText(other, 'This meeting is already open in another tab.');
    await saveScreens(other, 'pwa-hosted-elsewhere');

    await waitForParticipants(host, ['Hana (you)', 'Ben']);
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    expect(await inviteLinkOnScreen(host)).toBe(lobbyInvite);
    const alerts = await host.$$eval('[role="alert"]', (els) => els.map((e) => e.textContent));
    expect(alerts.join(' ')).not.toContain('another window');
    await Promise.all([host, ben].map((page) => page.browserContext().close()));
  });
});
