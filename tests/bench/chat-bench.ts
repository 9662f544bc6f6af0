// Chat and files: encrypted inserts and wipe of the chat vault in a real browser, and a file
// through the meeting's data channel beside a bare RTCDataChannel in the same browser.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import { byRole, click, fill, hostNewMeeting, waitForParticipants } from '../e2e/people.ts';
import type { StepScope } from './steps.ts';

const INSERTS = 10_000;
const FILE_BYTES = 20 * 1024 * 1024;

export interface ChatBenchResults {
  chatInsertPerSec: number;
  chatWipeMs: number;
  fileMBps: number;
  rawDataChannelMBps: number;
  fileRatio: number;
}

export const CHAT_BUDGET = { chatInsertPerSec: 1000, chatWipeMs: 1000, fileRatio: 0.25 };

/** `page` must be on a secure origin without a CSP (the bench's baseline server). */
async function benchVault(
  page: Page,
): Promise<Pick<ChatBenchResults, 'chatInsertPerSec' | 'chatWipeMs'>> {
  const bundle = await build({
    entryPoints: ['shared/storage/chat-vault.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'chatVault',
  });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return page.evaluate(async (count) => {
    const { ChatVault } = (
      window as unknown as { chatVault: typeof import('../../shared/storage/chat-vault.ts') }
    ).chatVault;
    const vault = await ChatVault.open<{ text: string; at: number }>('bench');
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        vault.put(`m${i}`, { text: `message number ${i} with some ordinary words in it`, at: i }),
      ),
    );
    const inserted = performance.now();
    await vault.destroy();
    const wiped = performance.now();
    return {
      chatInsertPerSec: Math.round(count / ((inserted - started) / 1000)),
      chatWipeMs: Math.round(wiped - inserted),
    };
  }, INSERTS);
}

/** Two RTCPeerConnections in one page, one ordered channel, 16 KiB messages with backpressure. */
async function benchRawChannel(page: Page): Promise<number> {
  return page.evaluate(async (total) => {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
    const channel = a.createDataChannel('bench');
    const received = new Promise<number>((resolve) => {
      b.ondatachannel = ({ channel: incoming }) => {
        let bytes = 0;
        incoming.onmessage = (event) => {
          bytes += (event.data as ArrayBuffer).byteLength;
          if (bytes >= total) resolve(performance.now());
        };
      };
    });
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    await new Promise((resolve) => (channel.onopen = resolve));
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = 256 * 1024;
    const chunk = new Uint8Array(16 * 1024);
    const started = performance.now();
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (channel.bufferedAmount > 1024 * 1024) {
        await new Promise((resolve) => (channel.onbufferedamountlow = resolve));
      }
      channel.send(chunk);
    }
    const done = await received;
    a.close();
    b.close();
    return total / (1024 * 1024) / ((done - started) / 1000);
  }, FILE_BYTES);
}

/** One file through the meeting, from the receiver's Accept to its Save link. */
async function benchFile(browser: Browser, serverUrl: string): Promise<number> {
  const { host, invite } = await hostNewMeeting(browser, serverUrl, 'Hana');
  const guest = await (await browser.createBrowserContext()).newPage();
  await guest.goto(invite);
  await fill(guest, 'Your name', 'Ben');
  await click(guest, 'button', 'Join meeting');
  await waitForParticipants(host, ['Hana (you)', 'Ben']);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'conclave-bench-')), 'bench.bin');
  writeFileSync(file, randomBytes(FILE_BYTES));
  for (const page of [host, guest]) {
    await page.bringToFront();
    await click(page, 'button', 'Chat');
  }
  await (await host.waitForSelector('input[type="file"]'))!.uploadFile(file);
  await guest.bringToFront();
  const accept = guest.locator(byRole('button', 'Accept bench.bin'));
  await accept.wait();
  const started = performance.now();
  await accept.click();
  await guest.waitForSelector('a[download="bench.bin"]', { timeout: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  await host.close();
  await guest.close();
  return FILE_BYTES / (1024 * 1024) / seconds;
}

export async function benchChat(
  scope: StepScope,
  serverUrl: string,
  plainOrigin: string,
): Promise<ChatBenchResults> {
  const browser = await scope.chromium();
  scope.doing = 'chat vault inserts and wipe';
  const page = await browser.newPage();
  await page.goto(`${plainOrigin}/index.html`);
  const vault = await benchVault(page);
  scope.doing = 'a bare data channel';
  const rawDataChannelMBps = await benchRawChannel(page);
  await page.close();
  scope.doing = 'a file through the meeting';
  const fileMBps = await benchFile(browser, serverUrl);
  return {
    ...vault,
    fileMBps: Number(fileMBps.toFixed(1)),
    rawDataChannelMBps: Number(rawDataChannelMBps.toFixed(1)),
    fileRatio: Number((fileMBps / rawDataChannelMBps).toFixed(2)),
  };
}

export function chatBenchRows(r: ChatBenchResults): string[][] {
  const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
  return [
    [
      'chat inserts (encrypted)',
      `${r.chatInsertPerSec}/s`,
      `>= ${CHAT_BUDGET.chatInsertPerSec}/s`,
      verdict(r.chatInsertPerSec >= CHAT_BUDGET.chatInsertPerSec),
    ],
    [
      'chat wipe (10k records)',
      `${r.chatWipeMs} ms`,
      `<= ${CHAT_BUDGET.chatWipeMs} ms`,
      verdict(r.chatWipeMs <= CHAT_BUDGET.chatWipeMs),
    ],
    ['file through meeting', `${r.fileMBps} MB/s`, '', ''],
    ['bare RTCDataChannel', `${r.rawDataChannelMBps} MB/s`, '', ''],
    [
      'file / bare channel',
      `${r.fileRatio}x`,
      `>= ${CHAT_BUDGET.fileRatio}x`,
      verdict(r.fileRatio >= CHAT_BUDGET.fileRatio),
    ],
  ];
}
