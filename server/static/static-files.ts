import path from 'node:path';
import type { RequestHandler } from 'express';
import { cacheControlFor } from './cache-policy.ts';
import { chooseEncoding } from './content-encoding.ts';
import { contentTypeFor, isCompressible } from './content-type.ts';
import { FileCache } from './file-cache.ts';

/** Client-side routes that get the app shell (the invite link's /join, also the share target). */
const APP_SHELL_ROUTES = new Set(['/', '/join']);

/**
 * Serves the built PWA: brotli or gzip by Accept-Encoding, content-hashed files immutable for a
 * year, everything else (the HTML, the service worker, the manifest) revalidated on every use.
 * Unknown paths fall through to the next handler.
 */
export function staticFiles(root: string): RequestHandler {
  const base = path.resolve(root);
  const files = new FileCache();
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const relative = APP_SHELL_ROUTES.has(req.path) ? 'index.html' : safeRelativePath(req.path);
    if (!relative) return next();
    const extension = path.extname(relative);
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    files.variant(path.join(base, relative), encoding).then((variant) => {
      if (!variant) return next();
      res.setHeader('Content-Type', contentTypeFor(extension));
      res.setHeader('Cache-Control', cacheControlFor(relative));
      res.setHeader('ETag', variant.etag);
      if (isCompressible(extension)) res.setHeader('Vary', 'Accept-Encoding');
      if (variant.encoding !== 'identity') res.setHeader('Content-Encoding', variant.encoding);
      if (req.fresh) return void res.status(304).end();
      res.setHeader('Content-Length', variant.body.length);
      res.status(200).end(req.method === 'HEAD' ? undefined : variant.body);
    }, next);
  };
}

/** `a/b.js` for `/a/b.js`; null for anything outside the root, hidden, or malformed. */
function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  if (!segments.length || segments.some((s) => s.startsWith('.'))) return null;
  return segments.join('/');
}
