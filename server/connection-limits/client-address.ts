import type { IncomingMessage } from 'node:http';

/** One spelling per address: `::ffff:127.0.0.2` and `127.0.0.2` are the same client. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

/**
 * The address a request comes from. Behind our TLS proxy (which runs on loopback, as with
 * `trust proxy: loopback`), the last X-Forwarded-For hop is the client the proxy saw.
 */
export function clientAddress(req: IncomingMessage, proxied: boolean): string {
  const peer = normalizeAddress(req.socket.remoteAddress);
  if (!proxied || !isLoopback(peer)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .pop();
  return last ? normalizeAddress(last) : peer;
}
