import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

/** One spelling per address: `::ffff:127.0.0.2` and `127.0.0.2` are the same client. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = address.startsWith('::ffff:') ? address.slice(7) : '';
  return isIPv4(mapped) ? mapped : address;
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

/**
 * What per-address caps and rates count by. Anyone with one IPv6 address usually has its whole
 * /64 (a home or a cloud server is given one), so an IPv6 address counts as its /64 prefix,
 * written `xxxx:xxxx:xxxx:xxxx::/64`. An IPv4 address (IPv4-mapped ones included) counts as
 * itself; anything that is not an IP address is returned as it is.
 */
export function addressKey(address: string): string {
  const normal = normalizeAddress(address);
  const unzoned = normal.split('%')[0]!;
  if (!isIPv6(unzoned)) return normal;
  const groups = ipv6Groups(unzoned);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16).padStart(4, '0'))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` and a dotted IPv4 tail expanded). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The address a request comes from, as per-address limits count it (see addressKey). Behind our
 * TLS proxy (which runs on loopback, as with `trust proxy: loopback`), the last X-Forwarded-For
 * hop is the client the proxy saw.
 */
export function clientAddress(req: IncomingMessage, proxied: boolean): string {
  const peer = normalizeAddress(req.socket.remoteAddress);
  if (!proxied || !isLoopback(peer)) return addressKey(peer);
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .pop();
  return addressKey(last ?? peer);
}
