import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayTestServer, type RelayTestServer } from '../test-support/test-server.ts';
import { chooseEncoding } from './content-encoding.ts';

let server: RelayTestServer;
let dir: string;
const script = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word${i % 50}`))};\n`;
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'conclave-built-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><title>Conclave</title>${'<p>hi</p>'.repeat(50)}`,
  );
  writeFileSync(path.join(dir, 'sw.js'), `self.revision = 1;${'//'.repeat(600)}`);
  writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), script);
  writeFileSync(path.join(dir, 'workbox-9c191d2f.js'), script);
  writeFileSync(path.join(dir, 'icon-192.png'), png);
  writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  server = await startRelayTestServer({ staticDir: dir });
});

afterAll(() => server.close());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET (no automatic decompression), so the bytes on the wire are what we check. */
function get(route: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${route}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('static files', () => {
  it('sends brotli to browsers that take it, gzip to those that take only gzip, and plain otherwise', async () => {
    const original = readFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'));
    const route = '/assets/index-Ab12Cd34.js';

    const br = await get(route, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(original.length / 5);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gz = await get(route, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await get(route, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);

    for (const answer of [br, gz, plain]) {
      expect(answer.headers['vary']).toBe('Accept-Encoding');
      expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    }
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
  });

  it('compresses the app shell on its client routes too', async () => {
    for (const route of ['/', '/join', '/index.html']) {
      const answer = await get(route, { 'accept-encoding': 'gzip, br' });
      expect(answer.headers['content-encoding'], route).toBe('br');
      expect(brotliDecompressSync(answer.body).toString(), route).toContain('<title>Conclave');
      expect(answer.headers['content-type'], route).toBe('text/html; charset=utf-8');
    }
  });

  it('marks hashed files immutable for a year and the HTML and service worker no-cache', async () => {
    const immutable = 'public, max-age=31536000, immutable';
    expect((await get('/assets/index-Ab12Cd34.js')).headers['cache-control']).toBe(immutable);
    expect((await get('/workbox-9c191d2f.js')).headers['cache-control']).toBe(immutable);
    for (const route of ['/', '/join', '/index.html', '/sw.js', '/icon-192.png']) {
      expect((await get(route)).headers['cache-control'], route).toBe('no-cache');
    }
  });

  it('leaves images as they are', async () => {
    const answer = await get('/icon-192.png', { 'accept-encoding': 'br, gzip' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.body.equals(png)).toBe(true);
  });

  it('answers a revalidation with 304 and no body while the file is unchanged', async () => {
    const first = await get('/sw.js', { 'accept-encoding': 'br' });
    const again = await get('/sw.js', {
      'accept-encoding': 'br',
      'if-none-match': first.headers.etag!,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('serves a file that changed on disk (a new build) with its new content and ETag', async () => {
    const file = path.join(dir, 'sw.js');
    const before = await get('/sw.js', { 'accept-encoding': 'gzip' });
    writeFileSync(file, `self.revision = 2;${'//'.repeat(600)}`);
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const after = await get('/sw.js', {
      'accept-encoding': 'gzip',
      'if-none-match': before.headers.etag!,
    });
    expect(after.status).toBe(200);
    expect(gunzipSync(after.body).toString()).toContain('self.revision = 2;');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('serves nothing outside the built folder, and no hidden files', async () => {
    for (const route of ['/.env', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f.env', '/%00']) {
      const answer = await get(route);
      expect(answer.status, route).toBe(404);
      expect(answer.body.toString(), route).not.toContain('SECRET');
    }
  });

  it('keeps the security headers on static files', async () => {
    const answer = await get('/assets/index-Ab12Cd34.js');
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('choosing an encoding', () => {
  it('prefers brotli, then gzip, among what the client accepts', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0.1')).toBe('br');
    expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('gzip');
    expect(chooseEncoding('deflate')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
  });
});
