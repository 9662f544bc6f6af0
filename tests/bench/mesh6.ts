// Six people with video in one Chromium: CPU per participant and what each one sends.
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { click, fill, issuePersonalLink, waitForText } from '../e2e/people.ts';
import { waitForScreensRight } from '../e2e/screens.ts';
import { trackPeerConnections } from './peer-connections.ts';
import type { StepScope } from './steps.ts';

const PEOPLE = ['Hana', 'Ana', 'Ben', 'Cleo', 'Dan', 'Eve'];
/** Let every sender's bandwidth estimate and the policy settle before measuring. */
const SETTLE_MS = 8_000;
const WINDOW_MS = 10_000;
const JOIN_TIMEOUT_MS = 120_000;
const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

export interface Mesh6Figures {
  /** Share of one core per participant: the browser's processes over the window, divided by six. */
  mesh6CpuPercent: number;
  /** Mean of each participant's outbound RTP (audio and video, all peers), in kbit/s. */
  mesh6SendKbps: number;
  mesh6SendKbpsEach: number[];
}

/** Bytes of RTP this page has sent so far, over all its peer connections. */
function bytesSent(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const all = window.benchPeerConnections;
    let total = 0;
    for (const pc of all.filter((p) => p.connectionState === 'connected')) {
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'outbound-rtp') total += (stat as { bytesSent: number }).bytesSent;
      }
    }
    return total;
  });
}

/** CPU ticks (user + system) of `pid` and all its descendants, from /proc. */
function treeCpuTicks(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (p: number): boolean => {
    for (let at = p, hops = 0; at > 1 && hops < 50; hops++) {
      if (at === pid) return true;
      at = stats.get(at)?.ppid ?? 0;
    }
    return false;
  };
  let total = 0;
  for (const [p, { ticks }] of stats) if (inTree(p)) total += ticks;
  return total;
}

/** In a Chromium of its own, so that its processes' CPU is the mesh's alone. */
export async function benchMesh6(scope: StepScope, serverUrl: string): Promise<Mesh6Figures> {
  const browser = await scope.chromium();
  const pid = browser.process()!.pid!;
  const people: Record<string, Page> = {};
  let invite = '';
  for (const name of PEOPLE) {
    scope.doing = `${name} joining`;
    const page = await (await browser.createBrowserContext()).newPage();
    await page.evaluateOnNewDocument(trackPeerConnections);
    // Six pages loaded with video may crawl on two busy cores: figures, not pass/fail, here.
    page.setDefaultTimeout(JOIN_TIMEOUT_MS);
    if (!invite) {
      await page.goto(`${serverUrl}/`);
      await fill(page, 'Your name', name);
      await click(page, 'button', 'New meeting');
      await click(page, 'button', 'Start meeting');
      await waitForText(page, 'In the meeting.');
      // A personal link with no limit: everyone it is given to is admitted at once.
      invite = await issuePersonalLink(page, 'Guests');
    } else {
      await page.goto(invite);
      await fill(page, 'Your name', name);
      await click(page, 'button', 'Join meeting');
    }
    people[name] = page;
  }
  // Generous: without send adaptation, the sixth person can take long to get in on two cores.
  scope.doing = 'waiting for every screen to show the five others playing';
  await waitForScreensRight(people, PEOPLE[0]!, {}, JOIN_TIMEOUT_MS);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  scope.doing = 'measuring';
  const pages = Object.values(people);
  const sentBefore = await Promise.all(pages.map(bytesSent));
  const ticksBefore = treeCpuTicks(pid);
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const ticksAfter = treeCpuTicks(pid);
  const sentAfter = await Promise.all(pages.map(bytesSent));
  const seconds = (performance.now() - start) / 1000;

  const cpuPercent = ((ticksAfter - ticksBefore) / CLOCK_TICKS_PER_S / seconds) * 100;
  const kbps = pages.map((_, i) => ((sentAfter[i]! - sentBefore[i]!) * 8) / 1000 / seconds);
  return {
    mesh6CpuPercent: Math.round(cpuPercent / PEOPLE.length),
    mesh6SendKbps: Math.round(kbps.reduce((a, b) => a + b, 0) / kbps.length),
    mesh6SendKbpsEach: kbps.map(Math.round),
  };
}

/** A laptop's share: a person's browser within half a core, its uplink within 2 Mbit/s. */
export const MESH6_BUDGET = { cpuPercent: 50, sendKbps: 2000 };

/** The bench table's rows for the six-person mesh: figure, budget, verdict. */
export function mesh6Rows(figures: Mesh6Figures | undefined, missing = 'FAILED'): string[][] {
  const verdict = (ok: boolean) => (!figures ? missing : ok ? 'ok' : 'OVER BUDGET');
  return [
    [
      'six: CPU per person',
      figures ? `${figures.mesh6CpuPercent} %` : '-',
      `<= ${MESH6_BUDGET.cpuPercent} %`,
      verdict(!!figures && figures.mesh6CpuPercent <= MESH6_BUDGET.cpuPercent),
    ],
    [
      'six: sent per person',
      figures ? `${figures.mesh6SendKbps} kb/s` : '-',
      `<= ${MESH6_BUDGET.sendKbps}`,
      verdict(!!figures && figures.mesh6SendKbps <= MESH6_BUDGET.sendKbps),
    ],
  ];
}
