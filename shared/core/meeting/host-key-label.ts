import { fromBase64Url } from '../../crypto/encoding.ts';

/** Crockford's base-32 alphabet: no I, L, O or U to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short label of the host key for people to compare ("4F7K-2QXD"): the first 40 bits of the
 * key's digest from the invite link, so the host and every guest holding that link see the same.
 */
export function hostKeyLabel(hostKeyDigest: string): string {
  const bytes = fromBase64Url(hostKeyDigest).slice(0, 5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let label = '';
  for (let shift = 35n; shift >= 0n; shift -= 5n) label += ALPHABET[Number((bits >> shift) & 31n)];
  return `${label.slice(0, 4)}-${label.slice(4)}`;
}
