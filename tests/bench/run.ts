// npm run bench: our signaling server against stock `peer` (server-bench.ts), Lighthouse and
// the first visit's bytes on the lobby, join latency against a bare PeerJS call (same browser),
// the same join with a Firefox guest, six people with video (mesh6.ts), a host's reload, chat
// and files, real network and server faults, bundle sizes. Each is a step with browsers of its
// own (steps.ts): one that fails is named with its reason and the others still run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Browser, Page } from 'puppeteer-core';
import { EXTENSION_ORIGINS } from '../../server/options.ts';
import { click, fill, hostNewMeeting, waitForText } from '../e2e/people.ts';
import { startTestServer } from '../e2e/server.ts';
import { measureBundles } from './bundle-sizes.ts';
import { benchHostReloads } from './host-reload.ts';
import { benchChat, chatBenchRows } from './chat-bench.ts';
import { benchMesh6, mesh6Rows } from './mesh6.ts';
import { trackPeerConnections, videoSendParameters } from './peer-connections.ts';
import { benchFaults, FAULT_BUDGET, type FaultFigures } from './fault-bench.ts';
import { benchLobby } from './lighthouse.ts';
import { benchServers, serverBenchRows } from './server-bench.ts';
import { runStep, type StepOutcome, type StepScope } from './steps.ts';

const JOINS = Number(process.env.BENCH_JOINS ?? 12);
const HOST_RELOADS = Number(process.env.BENCH_HOST_RELOADS ?? 5);
/** How long the guest waits for the host's first frame before a join counts as failed. */
const JOIN_LIMIT_MS = 20_000;
const BUDGET = {
  joinRatio: 2.0,
  lobbyJsGzipBytes: 30 * 1024,
  popupJsGzipBytes: 15 * 1024,
  lighthouseMobilePerformance: 100,
  lighthouseAccessibility: 100,
  lobbyLcpMs: 1200,
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Click "Join meeting" -> the first frame of the host's video is presented. */
async function timeConclaveJoin(guest: Page, invite: string): Promise<number> {
  await guest.goto('about:blank'); // a fresh load each time, not a same-document hash change
  await guest.goto(invite);
  await fill(guest, 'Your name', 'Guest');
  return guest.evaluate(async (limitMs: number) => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'Join meeting',
    )!;
    const start = performance.now();
    button.click();
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    let video: HTMLVideoElement | null = null;
    while (!video?.srcObject) {
      if (performance.now() - start > limitMs) {
        throw new Error(`no video from the host within ${limitMs / 1000} s of Join`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
      video = document.querySelector<HTMLVideoElement>('video[aria-label="Video of Host"]');
    }
    const shown = video;
    const end = await new Promise<number>((resolve) =>
      shown.requestVideoFrameCallback((now) => resolve(now)),
    );
    return end - start;
  }, JOIN_LIMIT_MS);
}

/** `JOINS` joins of one guest page in `guestBrowser` to a host in `hostBrowser` (Chromium). */
async function benchJoins(
  scope: StepScope,
  hostBrowser: Browser,
  guestBrowser: Browser,
  serverUrl: string,
  onJoined?: (guest: Page) => Promise<void>,
): Promise<number[]> {
  scope.doing = 'starting the meeting';
  const { host, invite } = await hostNewMeeting(hostBrowser, serverUrl, 'Host');
  const guest = await (await guestBrowser.createBrowserContext()).newPage();
  await guest.evaluateOnNewDocument(trackPeerConnections);
  await guest.bringToFront();
  const times: number[] = [];
  for (let i = 0; i < JOINS; i++) {
    scope.doing = `join ${i + 1} of ${JOINS}`;
    times.push(await timeConclaveJoin(guest, invite));
    if (i === 0) await onJoined?.(guest);
    await click(guest, 'button', 'Leave');
    await waitForText(guest, 'You left the meeting.');
  }
  await host.close();
  return times;
}

/** `JOINS` bare PeerJS calls, camera to first remote frame, from a page served at `origin`. */
async function benchBareCalls(
  scope: StepScope,
  browser: Browser,
  serverUrl: string,
  origin: string,
) {
  scope.doing = 'starting the answerer';
  const signaling = `${serverUrl}/peerjs`;
  const answerer = await (await browser.createBrowserContext()).newPage();
  await answerer.goto(`${origin}/index.html`);
  const answererId = await answerer.evaluate((s) => window.answerCalls(s), signaling);
  const caller = await (await browser.createBrowserContext()).newPage();
  await caller.bringToFront();
  const times: number[] = [];
  for (let i = 0; i < JOINS; i++) {
    scope.doing = `bare call ${i + 1} of ${JOINS}`;
    await caller.goto(`${origin}/index.html`);
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

/** `BENCH_ONLY=mesh,reload` runs only the steps whose names contain one of these words. */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? [];
const started = performance.now();
const outcomes: StepOutcome<unknown>[] = [];
/** Runs a step, keeps its outcome for the report; its figures, or undefined when it failed. */
async function step<T>(name: string, limitMs: number, body: (scope: StepScope) => Promise<T>) {
  if (ONLY.length > 0 && !ONLY.some((word) => name.includes(word))) return undefined;
  const outcome = await runStep(name, limitMs, body);
  outcomes.push(outcome);
  return outcome.ok ? outcome.figures : undefined;
}

// The server bench first, while nothing else runs (not even a browser); its own processes.
const servers = await step('server bench', 240_000, () => benchServers());

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

try {
  const lobby = await step('Lighthouse and first visit of the lobby', 150_000, (scope) =>
    benchLobby(scope, server.url),
  );
  // Each series runs warm, one after the other, in the same browser.
  const calls = await step('Chromium joins and bare PeerJS calls', 150_000, async (scope) => {
    const browser = await scope.chromium();
    const bare = await benchBareCalls(scope, browser, server.url, baselineOrigin);
    const joins = await benchJoins(scope, browser, browser, server.url);
    return { bare, joins };
  });
  // Firefox guests: the same join, and whether Firefox takes the send-quality parameters.
  const firefox = await step('Firefox guest joins', 180_000, async (scope) => {
    let sendParameters: RTCRtpEncodingParameters[] = [];
    const joins = await benchJoins(
      scope,
      await scope.chromium(),
      await scope.firefox(),
      server.url,
      async (guest) => void (sendParameters = await videoSendParameters(guest)),
    );
    return { joins, sendParameters };
  });
  const mesh6 = await step('six-person mesh', 240_000, (scope) => benchMesh6(scope, server.url));
  const hostReloads = await step('host reloads', 150_000, (scope) =>
    benchHostReloads(scope, server.url, HOST_RELOADS),
  );
  const chat = await step('chat and files', 180_000, (scope) =>
    benchChat(scope, server.url, baselineOrigin),
  );
  const faults = await step('network and server faults', 240_000, (scope) => benchFaults(scope));
  const bundles = await step('bundle sizes', 30_000, async () => measureBundles());

  const results = {
    ...(calls && {
      joinFirstFrameP50Ms: Math.round(percentile(calls.joins, 50)),
      joinFirstFrameP95Ms: Math.round(percentile(calls.joins, 95)),
      bareFirstFrameP50Ms: Math.round(percentile(calls.bare, 50)),
      joinRatio: Number((percentile(calls.joins, 50) / percentile(calls.bare, 50)).toFixed(2)),
    }),
    ...(firefox && {
      firefoxJoinFirstFrameP50Ms: Math.round(percentile(firefox.joins, 50)),
      firefoxJoinFirstFrameP95Ms: Math.round(percentile(firefox.joins, 95)),
    }),
    ...mesh6,
    ...faults,
    ...(hostReloads && { hostReloadResumeMs: Math.round(percentile(hostReloads, 50)) }),
    ...bundles,
    ...lobby,
    ...servers,
    ...chat,
    benchSeconds: Math.round((performance.now() - started) / 1000),
    failedSteps: Object.fromEntries(
      outcomes.flatMap((o) => (o.ok ? [] : [[o.name, o.error]])),
    ) as Record<string, string>,
  };
  writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const missing = ONLY.length > 0 ? 'not run' : 'FAILED';
  /** A table row: what, the figure (or '-' when its step failed), its budget, the verdict. */
  const row = <T>(
    label: string,
    figure: T | undefined,
    show: (value: T) => string,
    budget = '',
    within?: (value: T) => boolean,
  ): string[] => {
    if (figure === undefined) return [label, '-', budget, missing];
    const verdict = within ? (within(figure) ? 'ok' : 'OVER BUDGET') : '';
    return [label, show(figure), budget, verdict];
  };
  const ms = (value: number) => `${value} ms`;
  const r = results;
  const rows = [
    row('join -> first frame p50', r.joinFirstFrameP50Ms, ms),
    row('join -> first frame p95', r.joinFirstFrameP95Ms, ms),
    row('bare PeerJS call p50', r.bareFirstFrameP50Ms, ms),
    row(
      'join p50 / bare p50',
      r.joinRatio,
      (v) => `${v}x`,
      `<= ${BUDGET.joinRatio}x`,
      (v) => v <= BUDGET.joinRatio,
    ),
    row('Firefox guest join p50', r.firefoxJoinFirstFrameP50Ms, ms),
    row('Firefox guest join p95', r.firefoxJoinFirstFrameP95Ms, ms),
    ...mesh6Rows(mesh6, missing),
    row('host reload -> video p50', r.hostReloadResumeMs, ms),
    ...(Object.keys(FAULT_BUDGET) as (keyof FaultFigures)[]).map((key) =>
      row(key, faults?.[key], ms, `<= ${FAULT_BUDGET[key]} ms`, (v) => v <= FAULT_BUDGET[key]),
    ),
    row(
      'PWA lobby JS (gzip)',
      bundles?.lobbyJsGzipBytes,
      kb,
      `<= ${kb(BUDGET.lobbyJsGzipBytes)}`,
      (v) => v <= BUDGET.lobbyJsGzipBytes,
    ),
    row('meeting chunk JS (gzip)', bundles?.meetingJsGzipBytes, kb),
    row(
      'extension popup JS (gzip)',
      bundles?.popupJsGzipBytes,
      kb,
      `<= ${kb(BUDGET.popupJsGzipBytes)}`,
      (v) => v <= BUDGET.popupJsGzipBytes,
    ),
    row(
      'Lighthouse mobile perf.',
      lobby?.lighthouseMobilePerformance,
      String,
      `>= ${BUDGET.lighthouseMobilePerformance}`,
      (v) => v >= BUDGET.lighthouseMobilePerformance,
    ),
    row(
      'Lighthouse accessibility',
      lobby?.lighthouseAccessibility,
      String,
      `>= ${BUDGET.lighthouseAccessibility}`,
      (v) => v >= BUDGET.lighthouseAccessibility,
    ),
    row(
      'lobby LCP (mobile)',
      lobby?.lobbyLcpMs,
      ms,
      `<= ${BUDGET.lobbyLcpMs} ms`,
      (v) => v <= BUDGET.lobbyLcpMs,
    ),
    row('lobby TBT (mobile)', lobby?.lobbyTbtMs, ms),
    row('lobby CLS', lobby?.lobbyCls, String),
    row('lobby first visit (gzip)', lobby?.lobbyTransferGzipBytes, kb),
    ...(servers ? serverBenchRows(servers) : [row('server bench', undefined, String)]),
    ...(chat ? chatBenchRows(chat) : [row('chat and files', undefined, String)]),
  ];
  console.log(`\nConclave bench (${JOINS} joins and ${JOINS} bare calls, loopback, fake camera)\n`);
  for (const [what, figure, budget, verdict] of rows) {
    console.log(`  ${what!.padEnd(28)}${figure!.padStart(10)}  ${budget!.padEnd(12)}${verdict}`);
  }
  if (calls) {
    console.log(`\n  samples join: ${calls.joins.map(Math.round).join(' ')}`);
    console.log(`  samples bare: ${calls.bare.map(Math.round).join(' ')}`);
  }
  if (firefox) {
    console.log(`  samples Firefox join: ${firefox.joins.map(Math.round).join(' ')}`);
    console.log(
      `  Firefox guest's video sender, 1 peer: ${JSON.stringify(firefox.sendParameters)}`,
    );
  }
  if (mesh6)
    console.log(`  six-person mesh, kbit/s sent by each: ${mesh6.mesh6SendKbpsEach.join(' ')}`);
  if (hostReloads) console.log(`  samples host reload: ${hostReloads.join(' ')}`);
  console.log('\n  steps:');
  for (const o of outcomes) {
    console.log(
      `    ${o.name.padEnd(42)}${`${o.seconds} s`.padStart(8)}  ${o.ok ? 'ok' : `FAILED: ${o.error}`}`,
    );
  }
  console.log(`\n  whole bench: ${results.benchSeconds} s. Written to bench-results.json`);
  const failed = outcomes.some((o) => !o.ok);
  process.exitCode = failed || rows.some((row) => row[3] === 'OVER BUDGET') ? 1 : 0;
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 2;
} finally {
  await server.close();
  baselineServer.close();
  // PeerServer's timers would keep Node alive.
  process.exit();
}
