// npm run bench: join latency against a bare PeerJS call (same run), bundle sizes, and our
// signaling server against stock `peer` (server-bench.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Page } from 'puppeteer-core';
import { EXTENSION_ORIGINS } from '../../server/options.ts';
import { launchChromium } from '../e2e/chromium.ts';
import { click, fill, hostNewMeeting, waitForText } from '../e2e/people.ts';
import { startTestServer } from '../e2e/server.ts';
import { measureBundles } from './bundle-sizes.ts';
import { benchChat, chatBenchRows } from './chat-bench.ts';
import { benchServers, serverBenchRows } from './server-bench.ts';

const JOINS = Number(process.env.BENCH_JOINS ?? 12);
const BUDGET = { joinRatio: 2.0, lobbyJsGzipBytes: 30 * 1024, popupJsGzipBytes: 15 * 1024 };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

// The server bench first, while nothing else runs (not even the browser); its own processes.
const servers = await benchServers();

// The bare baseline is served from its own origin, which our server is told to allow.
const baseline = express()
  .use(express.static('tests/bench/bare'))
  .get('/peerjs.min.js', (_req, res) =>
    res.sendFile(path.resolve('node_modules/peerjs/dist/peerjs.min.js')),
  )
  .get('/signaling-identity.js', (_req, res) =>
    res.sendFile(path.resolve('tests/e2e/relay-compat/signaling-identity.js')),
  );
const baselineServer = baseline.listen(0, '127.0.0.1');
await new Promise((resolve) => baselineServer.once('listening', resolve));
const baselineOrigin = `http://127.0.0.1:${(baselineServer.address() as { port: number }).port}`;

const server = await startTestServer({
  allowedOrigins: [...EXTENSION_ORIGINS, baselineOrigin],
});
const browser = await launchChromium();

/** Click "Join meeting" -> the first frame of the host's video is presented. */
async function timeConclaveJoin(guest: Page, invite: string): Promise<number> {
  await guest.goto('about:blank'); // a fresh load each time, not a same-document hash change
  await guest.goto(invite);
  await fill(guest, 'Your name', 'Guest');
  return guest.evaluate(async () => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'Join meeting',
    )!;
    const start = performance.now();
    button.click();
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    let video: HTMLVideoElement | null = null;
    while (!video?.srcObject) {
      if (performance.now() - start > 20_000) throw new Error('no video from the host in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
      video = document.querySelector<HTMLVideoElement>('video[aria-label="Video of Host"]');
    }
    const shown = video;
    const end = await new Promise<number>((resolve) =>
      shown.requestVideoFrameCallback((now) => resolve(now)),
    );
    return end - start;
  });
}

async function benchJoins(): Promise<number[]> {
  const { host, invite } = await hostNewMeeting(browser, server.url, 'Host');
  const guest = await (await browser.createBrowserContext()).newPage();
  await guest.bringToFront();
  const times: number[] = [];
  for (let i = 0; i < JOINS; i++) {
    times.push(await timeConclaveJoin(guest, invite));
    await click(guest, 'button', 'Leave');
    await waitForText(guest, 'You left the meeting.');
  }
  await host.close();
  return times;
}

async function benchBareCalls(): Promise<number[]> {
  const signaling = `${server.url}/peerjs`;
  const answerer = await (await browser.createBrowserContext()).newPage();
  await answerer.goto(`${baselineOrigin}/index.html`);
  const answererId = await answerer.evaluate((s) => window.answerCalls(s), signaling);
  const caller = await (await browser.createBrowserContext()).newPage();
  await caller.bringToFront();
  const times: number[] = [];
  for (let i = 0; i < JOINS; i++) {
    await caller.goto(`${baselineOrigin}/index.html`);
    times.push(
      await caller.evaluate((s, target) => window.callAndTime(s, target), signaling, answererId),
    );
  }
  return times;
}

declare global {
  interface Window {
    answerCalls(signaling: string): Promise<string>;
    callAndTime(signaling: string, target: string): Promise<number>;
  }
}

try {
  // Interleave nothing: each series runs warm, one after the other, in the same browser.
  const bare = await benchBareCalls();
  // A failed join series (say, a client our server refuses) still leaves the other figures.
  let joinFailure = '';
  const joins = await benchJoins().catch((error: Error) => {
    joinFailure = error.message;
    return [] as number[];
  });
  const chat = await benchChat(browser, server.url, baselineOrigin);
  const bundles = measureBundles();
  const results = {
    joinFirstFrameP50Ms: Math.round(percentile(joins, 50)),
    joinFirstFrameP95Ms: Math.round(percentile(joins, 95)),
    bareFirstFrameP50Ms: Math.round(percentile(bare, 50)),
    joinRatio: Number((percentile(joins, 50) / percentile(bare, 50)).toFixed(2)),
    ...(joinFailure ? { joinFailure } : {}),
    ...bundles,
    ...servers,
    ...chat,
  };
  writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
  const rows = [
    ['join -> first frame p50', `${results.joinFirstFrameP50Ms} ms`, '', ''],
    ['join -> first frame p95', `${results.joinFirstFrameP95Ms} ms`, '', ''],
    ['bare PeerJS call p50', `${results.bareFirstFrameP50Ms} ms`, '', ''],
    [
      'join p50 / bare p50',
      `${results.joinRatio}x`,
      `<= ${BUDGET.joinRatio}x`,
      joinFailure ? 'FAILED' : verdict(results.joinRatio <= BUDGET.joinRatio),
    ],
    [
      'PWA lobby JS (gzip)',
      kb(results.lobbyJsGzipBytes),
      `<= ${kb(BUDGET.lobbyJsGzipBytes)}`,
      verdict(results.lobbyJsGzipBytes <= BUDGET.lobbyJsGzipBytes),
    ],
    ['meeting chunk JS (gzip)', kb(results.meetingJsGzipBytes), '', ''],
    [
      'extension popup JS (gzip)',
      kb(results.popupJsGzipBytes),
      `<= ${kb(BUDGET.popupJsGzipBytes)}`,
      verdict(results.popupJsGzipBytes <= BUDGET.popupJsGzipBytes),
    ],
    ...serverBenchRows(servers),
    ...chatBenchRows(chat),
  ];
  console.log(`\nConclave bench (${JOINS} joins and ${JOINS} bare calls, loopback, fake camera)\n`);
  for (const row of rows)
    console.log(`  ${row[0]!.padEnd(28)}${row[1]!.padStart(10)}  ${row[2]!.padEnd(12)}${row[3]}`);
  if (joinFailure) console.log(`\n  join series failed: ${joinFailure}`);
  console.log(`\n  samples join: ${joins.map(Math.round).join(' ')}`);
  console.log(`  samples bare: ${bare.map(Math.round).join(' ')}`);
  console.log('\nWritten to bench-results.json');
  process.exitCode = rows.some((r) => r[3] === 'OVER BUDGET' || r[3] === 'FAILED') ? 1 : 0;
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 2;
} finally {
  await browser.close();
  await server.close();
  baselineServer.close();
  // PeerServer's timers would keep Node alive.
  process.exit();
}
