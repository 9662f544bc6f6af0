import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** JS an HTML page loads up front: its module scripts and modulepreloads. */
function firstLoadScripts(htmlFile: string): string[] {
  const html = readFileSync(htmlFile, 'utf8');
  const refs = [
    ...html.matchAll(
      /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
    ),
  ];
  return refs.map((m) => path.join(path.dirname(htmlFile), m[1]!));
}

const sum = (files: string[]) => files.reduce((total, f) => total + gzipBytes(f), 0);

export function measureBundles() {
  const lobbyFiles = firstLoadScripts('dist/pwa/index.html');
  const assets = readdirSync('dist/pwa/assets')
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join('dist/pwa/assets', f));
  const lazyFiles = assets.filter((f) => !lobbyFiles.includes(f));
  return {
    lobbyJsGzipBytes: sum(lobbyFiles),
    meetingJsGzipBytes: sum(lazyFiles),
    popupJsGzipBytes: sum(firstLoadScripts('dist/extension/chrome-mv3/popup.html')),
  };
}
