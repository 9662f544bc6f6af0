/** A year, and never revalidated: the file's name changes whenever its content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Kept, but checked with the server (by ETag) before every use. */
export const REVALIDATE = 'no-cache';

// Vite writes only content-hashed files under assets/; Workbox names its runtime by hash too.
const HASHED = /^(assets\/[^/]+|workbox-[0-9a-f]{8}\.js)$/;

/** The Cache-Control for a file, by its path relative to the static root (forward slashes). */
export function cacheControlFor(relativePath: string): string {
  return HASHED.test(relativePath) ? IMMUTABLE : REVALIDATE;
}
