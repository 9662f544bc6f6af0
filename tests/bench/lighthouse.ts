import { readFileSync } from 'node:fs';
import http from 'node:http';
import lighthouse from 'lighthouse';
import { launchChromium } from '../e2e/chromium.ts';

interface NetworkItem {
  url: string;
}

/**
 * Lighthouse on the lobby with its default mobile settings (a mid-range phone on slow 4G,
 * simulated), in a Chromium of its own; and every byte the lobby's first visit downloads.
 */
export async function benchLobby(serverUrl: string) {
  const browser = await launchChromium();
  try {
    const port = Number(new URL(browser.wsEndpoint()).port);
    const result = await lighthouse(`${serverUrl}/`, {
      port,
      hostname: '127.0.0.1',
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { categories, audits } = result.lhr;
    const items =
      (audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? [];
    // What the page fetched (its idle prefetch included), and what the service worker fetches
    // to precache on the first visit: Lighthouse does not record the worker's requests.
    const paths = new Set(
      items.filter((i) => i.url.startsWith(serverUrl)).map((i) => i.url.slice(serverUrl.length)),
    );
    for (const url of precachedUrls()) paths.add(`/${url}`);
    paths.add('/sw.js');
    return {
      lighthouseMobilePerformance: Math.round((categories.performance?.score ?? 0) * 100),
      lighthouseAccessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      lobbyLcpMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? NaN),
      lobbyTbtMs: Math.round(audits['total-blocking-time']?.numericValue ?? NaN),
      lobbyCls: Number((audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
      lobbyTransferGzipBytes: await gzipTransferBytes(serverUrl, [...paths]),
    };
  } finally {
    await browser.close();
  }
}

/** The URLs the built service worker precaches (its Workbox manifest). */
function precachedUrls(): string[] {
  const sw = readFileSync('dist/pwa/sw.js', 'utf8');
  const workboxRuntime = /"\.\/(workbox-[0-9a-f]+)"/.exec(sw)?.[1];
  const urls = [...sw.matchAll(/\{url:"([^"]+)"/g)].map((m) => m[1]!);
  return workboxRuntime ? [...urls, `${workboxRuntime}.js`] : urls;
}

/** Bytes on the wire (headers and body) for each path, to a client that takes only gzip. */
async function gzipTransferBytes(serverUrl: string, paths: string[]): Promise<number> {
  const sizes = await Promise.all(
    paths.map(
      (route) =>
        new Promise<number>((resolve, reject) => {
          http
            .get(`${serverUrl}${route}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
              let bytes = headerBytes(res);
              res.on('data', (chunk: Buffer) => (bytes += chunk.length));
              res.on('end', () => resolve(bytes));
            })
            .on('error', reject);
        }),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** `HTTP/1.1 200 OK\r\n`, each `Name: value\r\n`, and the blank line. */
function headerBytes(res: http.IncomingMessage): number {
  let bytes = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n\r\n`.length;
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    bytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
  }
  return bytes;
}
