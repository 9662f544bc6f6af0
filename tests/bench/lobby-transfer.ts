// Every byte the lobby's first visit downloads, counted on the wire: the page, its scripts and
// styles, its idle prefetch of the meeting code, the service worker and all it precaches.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import net from 'node:net';
import type { Browser } from 'puppeteer-core';

/** How long the first visit may take to settle before the step fails. */
const SETTLE_LIMIT_MS = 30_000;

interface CountingRelay {
  url: string;
  /** Bytes written to the browser so far (status lines, headers, bodies), every connection. */
  bytesToBrowser(): number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP relay in front of our server that asks it for gzip only (the browser would
 * take brotli) and counts what it writes back to the browser.
 */
async function startGzipCountingRelay(serverUrl: string): Promise<CountingRelay> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  const relay = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'accept-encoding': 'gzip' },
      },
      (answer) => {
        response.writeHead(answer.statusCode!, answer.statusMessage, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => response.destroy(error));
    request.pipe(upstream);
  });
  relay.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  // A WebSocket (signaling) passes through as is; its bytes count on the browser's socket too.
  relay.on('upgrade', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    bytesToBrowser: () => [...sockets].reduce((sum, s) => sum + s.bytesWritten, closedBytes),
    close: () => {
      relay.closeAllConnections();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

/**
 * A first visit to the lobby in a fresh browser context, through the counting relay, until it
 * has settled: the service worker is ready (its install precached everything), the page has
 * had an idle moment (when it prefetches the meeting code) and its network has gone quiet.
 */
export async function lobbyFirstVisitGzipBytes(browser: Browser, serverUrl: string) {
  const relay = await startGzipCountingRelay(serverUrl);
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${relay.url}/`, { waitUntil: 'load' });
    await page.evaluate(async (limitMs: number) => {
      let timer = 0;
      const late = new Promise((_, reject) => {
        timer = window.setTimeout(
          () => reject(new Error(`no active service worker within ${limitMs / 1000} s`)),
          limitMs,
        );
      });
      await Promise.race([navigator.serviceWorker.ready, late]);
      clearTimeout(timer);
      await new Promise((resolve) => requestIdleCallback(resolve));
    }, SETTLE_LIMIT_MS);
    await page.waitForNetworkIdle({ idleTime: 500, timeout: SETTLE_LIMIT_MS });
    return relay.bytesToBrowser();
  } finally {
    await context.close();
    await relay.close();
  }
}
