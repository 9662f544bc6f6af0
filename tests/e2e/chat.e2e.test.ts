import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { chatLines, openChat, say, waitForLine } from './chat.ts';
import { byRole, click, fill, hostNewMeeting, waitForParticipants, waitForText } from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();
const POLL = { polling: 50, timeout: 30_000 } as const;
const launched: Browser[] = [];
afterAll(async () => {
  for (const browser of launched) await browser.close().catch(() => undefined);
});

async function join(page: Page, invite: string, name: string): Promise<void> {
  await page.goto(invite);
  await fill(page, 'Your name', name);
  await click(page, 'button', 'Join meeting');
}

/** Every file under `dir` whose bytes hold `marker` (UTF-8 or UTF-16LE). */
function filesHolding(dir: string, marker: string): string[] {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const full = path.join(at, entry);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile() && needles.some((n) => readFileSync(full).includes(n)))
        found.push(full);
    }
  };
  walk(dir);
  return found;
}

const chatDatabases = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases())
      .map((db) => db.name)
      .filter((n) => n?.startsWith('conclave-chat-')),
  );

describe('chat among three', () => {
  let host: Page;
  let ana: Page;
  let ben: Page;
  let invite: string;

  beforeAll(async () => {
    ({ host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana'));
    ana = await (await rig.browser.createBrowserContext()).newPage();
    ben = await (await rig.browser.createBrowserContext()).newPage();
    await join(ana, invite, 'Ana');
    await join(ben, invite, 'Ben');
    for (const [page, self] of [
      [host, 'Hana'],
      [ana, 'Ana'],
      [ben, 'Ben'],
    ] as const) {
      await waitForParticipants(
        page,
        ['Hana', 'Ana', 'Ben'].map((n) => (n === self ? `${n} (you)` : n)),
      );
    }
  });

  it('shows markup as text, and counts what is unread', async () => {
    const hostile = 'look <img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
    await say(host, hostile);
    await ben.bringToFront();
    // The count is drawn on the Chat button and said in its description.
    await ben.waitForSelector('button[aria-label="Chat"][title="Chat: 1 unread"][data-count="1"]');
    await waitForLine(ana, `Hana: ${hostile}`);
    await waitForLine(ben, `Hana: ${hostile}`);
    expect(await ana.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await ana.$$('[role="log"] img, [role="log"] script')).toHaveLength(0);
  });

  it('sends a private message to its recipient alone', async () => {
    await say(ana, 'for Ben only', 'Ben (privately)');
    await waitForLine(ben, 'Ana (privately to you): for Ben only');
    await say(host, 'a later one for all');
    await waitForLine(ana, 'Hana: a later one for all');
    expect((await chatLines(host)).some((l) => l.includes('for Ben only'))).toBe(false);
  });

  it('warns before a card number leaves, and can remove it', async () => {
    await say(ana, 'my card is 4111 1111 1111 1111');
    await ana.waitForSelector(byRole('alertdialog', 'This message may hold sensitive data'));
    expect(await ana.$eval('#sensitive-list', (ul) => ul.textContent)).toContain('a card number');
    await click(ana, 'button', 'Remove it and send');
    await waitForLine(ben, 'Ana: my card is [card-number removed]');
  });

  it('delivers each message exactly once across 10 s offline, in one order for all', async () => {
    await ben.emulateNetworkConditions({ offline: true, download: 0, upload: 0, latency: 0 });
    await say(host, 'while Ben was offline');
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // the outage itself
    await ben.emulateNetworkConditions(null);
    await say(host, 'after Ben came back');
    await waitForLine(ben, 'Hana: after Ben came back');
    const benLines = await chatLines(ben);
    for (const line of ['Hana: while Ben was offline', 'Hana: after Ben came back']) {
      expect(benLines.filter((l) => l === line)).toHaveLength(1);
    }
    // Everyone shows the same order (Hana's view lacks only what was private to others).
    const texts = (lines: string[]) => lines.map((l) => l.slice(l.indexOf(': ') + 2));
    expect(texts(await chatLines(host))).toEqual(
      texts(benLines).filter((t) => t !== 'for Ben only'),
    );
  });

  it('gives someone who reloads back what they could see', async () => {
    await ana.reload();
    await join(ana, invite, 'Ana');
    await waitForParticipants(ana, ['Hana', 'Ben', 'Ana (you)']);
    await waitForLine(ana, 'Hana: a later one for all');
    await waitForLine(ana, 'You (privately to Ben): for Ben only');
    const afterReload = await chatLines(ana);
    expect(afterReload.filter((l) => l.endsWith('a later one for all'))).toHaveLength(1);
  });
});

describe('chat at rest', () => {
  it('leaves no chat plaintext or chat database in the profile, after Leave or a killed browser', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const profile = mkdtempSync(path.join(tmpdir(), 'conclave-chat-profile-'));
    const marker = `marker-${Math.random().toString(36).slice(2)}-chat`;

    // Ben's browser keeps a profile on disk (not an incognito context).
    let benBrowser = await launchChromium({ userDataDir: profile });
    launched.push(benBrowser);
    let ben = await benBrowser.newPage();
    await join(ben, invite, 'Ben');
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await say(host, `${marker} one`);
    await waitForLine(ben, `Hana: ${marker} one`);
    expect(await chatDatabases(ben)).toHaveLength(1);
    await click(ben, 'button', 'Leave');
    await ben.waitForFunction(
      async () =>
        (await indexedDB.databases()).every((db) => !db.name?.startsWith('conclave-chat-')),
      POLL,
    );
    await benBrowser.close();
    expect(filesHolding(profile, marker)).toEqual([]);

    // Again, but the browser is killed mid-meeting, then started with the same profile.
    benBrowser = await launchChromium({ userDataDir: profile });
    launched.push(benBrowser);
    ben = await benBrowser.newPage();
    await join(ben, invite, 'Ben');
    await waitForParticipants(ben, ['Hana', 'Ben (you)']);
    await say(host, `${marker} two`);
    await waitForLine(ben, `Hana: ${marker} two`);
    expect(await chatDatabases(ben)).toHaveLength(1);
    benBrowser.process()?.kill('SIGKILL');
    await new Promise((resolve) => benBrowser.once('disconnected', resolve));
    expect(filesHolding(profile, marker)).toEqual([]);

    benBrowser = await launchChromium({ userDataDir: profile });
    launched.push(benBrowser);
    ben = await benBrowser.newPage();
    await ben.goto(`${rig.server.url}/`);
    await ben.waitForSelector(byRole('button', 'New meeting'));
    await ben.waitForFunction(
      async () =>
        (await indexedDB.databases()).every((db) => !db.name?.startsWith('conclave-chat-')),
      POLL,
    );
    expect(filesHolding(profile, marker)).toEqual([]);
  });
});

describe('files', () => {
  it('an 8 MB file arrives intact, with progress on both sides, only once accepted', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const ben = await (await rig.browser.createBrowserContext()).newPage();
    // Only so the test can read the saved file back (the page's CSP rightly forbids fetch(blob:)).
    await ben.setBypassCSP(true);
    await join(ben, invite, 'Ben');
    await waitForParticipants(host, ['Hana (you)', 'Ben']);

    const dir = mkdtempSync(path.join(tmpdir(), 'conclave-file-'));
    const file = path.join(dir, 'scan-results.bin');
    const bytes = randomBytes(8 * 1024 * 1024);
    writeFileSync(file, bytes);
    const sentHash = createHash('sha256').update(bytes).digest('hex');

    await openChat(host);
    const picker = await host.waitForSelector('input[type="file"]');
    await picker!.uploadFile(file);
    await waitForText(host, 'Waiting for them to accept…');

    await openChat(ben);
    await waitForText(ben, 'Hana offers scan-results.bin (8.0 MB, application/octet-stream)');
    const progress = 'progress[aria-label="Progress of scan-results.bin"]';
    const progressShown = Promise.all([
      host.waitForSelector(progress),
      ben.waitForSelector(progress),
    ]);
    await click(ben, 'button', 'Accept scan-results.bin');
    await progressShown;
    const save = await ben.waitForSelector(byRole('link', 'Save scan-results.bin'), {
      timeout: 60_000,
    });
    await waitForText(host, 'Sent.');
    const receivedHash = await save!.evaluate(async (a) => {
      const blob = await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', blob));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    });
    expect(receivedHash).toBe(sentHash);
  });
});
