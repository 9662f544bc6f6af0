import { utf8 } from '../../crypto/encoding.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';

/**
 * Rendezvous (highest-random-weight) hashing of a meeting over the signaling servers: every
 * client with the same list picks the same server for a meeting, so its people meet there,
 * without the servers sharing anything. Removing a server moves only the meetings it had.
 */
const SCORE_DOMAIN = 'conclave-rendezvous/v1';

const SCHEME_FOR_HASHING: Record<string, string> = {
  'http:': 'http:',
  'ws:': 'http:',
  'https:': 'https:',
  'wss:': 'https:',
};

/**
 * One spelling per server, so list order and cosmetic differences pick the same one: ws/http
 * and wss/https alike, host lower-case, default port dropped, no trailing slash, no query.
 */
export function normalizeServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch (cause) {
    throw new ConclaveError(ErrorCode.InvalidServerAddress, { cause, detail: url });
  }
  const scheme = SCHEME_FOR_HASHING[parsed.protocol];
  if (!scheme || !parsed.host) {
    throw new ConclaveError(ErrorCode.InvalidServerAddress, { detail: url });
  }
  return `${scheme}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

async function score(normalizedUrl: string, meetingId: string): Promise<Uint8Array> {
  const input = utf8(`${SCORE_DOMAIN}|${normalizedUrl}|${meetingId}`);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

/** Byte-wise comparison of two equal-length digests: negative when `a` ranks lower. */
function compareDigests(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

/**
 * The signaling server (normalized URL) for `meetingId`: the one whose score is highest. Equal
 * scores (only duplicates, which are merged first) fall back to the smaller URL.
 */
export async function pickSignalingServer(
  serverUrls: readonly string[],
  meetingId: string,
): Promise<string> {
  const servers = [...new Set(serverUrls.map(normalizeServerUrl))].sort();
  if (servers.length === 0) {
    throw new ConclaveError(ErrorCode.ServerUnreachable, {
      detail: 'no signaling server configured',
    });
  }
  if (servers.length === 1) return servers[0]!;
  const digests = await Promise.all(servers.map((url) => score(url, meetingId)));
  // Sorted by URL and replaced only on a strictly higher score: a tie keeps the smaller URL.
  let best = 0;
  for (let i = 1; i < servers.length; i++) {
    if (compareDigests(digests[i]!, digests[best]!) > 0) best = i;
  }
  return servers[best]!;
}
