import { isLoopback } from './connection-limits/client-address.ts';

/**
 * The origins clients reach this server at, when no public URL is configured: the listen
 * address, and on loopback (or all interfaces) also the `localhost` and `127.0.0.1` forms.
 * Never taken from a request's Host header, which a DNS-rebinding page controls.
 */
export function defaultPublicOrigins(host: string, port: number, secure: boolean): string[] {
  const scheme = secure ? 'https' : 'http';
  const origin = (name: string) => new URL(`${scheme}://${name}:${port}`).origin;
  const listen = origin(host.includes(':') ? `[${host}]` : host);
  const reachableOnLoopback = isLoopback(host) || host === 'localhost' || isWildcard(host);
  const loopbackForms = reachableOnLoopback ? [origin('localhost'), origin('127.0.0.1')] : [];
  return [...new Set([...(isWildcard(host) ? [] : [listen]), ...loopbackForms])];
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** `--public-url`: one URL or a comma list; each reduced to its origin. */
export function parsePublicUrls(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = URL.parse(entry);
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        throw new Error(`--public-url: "${entry}" is not an http(s) URL`);
      }
      return url.origin;
    });
}
