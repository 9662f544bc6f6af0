import { fromBase64Url, utf8 } from '../../crypto/encoding.ts';
import { sha256Base64Url } from '../../crypto/signing.ts';

/** 64 pictures that are easy to tell apart and to name aloud: 6 bits each. */
export const SAS_EMOJI: readonly (readonly [string, string])[] = [
  ['🐶', 'dog'],
  ['🐱', 'cat'],
  ['🦁', 'lion'],
  ['🐴', 'horse'],
  ['🦄', 'unicorn'],
  ['🐷', 'pig'],
  ['🐘', 'elephant'],
  ['🐰', 'rabbit'],
  ['🐼', 'panda'],
  ['🐓', 'rooster'],
  ['🐧', 'penguin'],
  ['🐢', 'turtle'],
  ['🐟', 'fish'],
  ['🐙', 'octopus'],
  ['🦋', 'butterfly'],
  ['🌷', 'tulip'],
  ['🌳', 'tree'],
  ['🌵', 'cactus'],
  ['🍄', 'mushroom'],
  ['🌍', 'globe'],
  ['🌙', 'moon'],
  ['☁️', 'cloud'],
  ['🔥', 'fire'],
  ['🍌', 'banana'],
  ['🍎', 'apple'],
  ['🍓', 'strawberry'],
  ['🌽', 'corn'],
  ['🍕', 'pizza'],
  ['🎂', 'cake'],
  ['❤️', 'heart'],
  ['😀', 'smile'],
  ['🤖', 'robot'],
  ['🎩', 'top hat'],
  ['👓', 'glasses'],
  ['🔧', 'spanner'],
  ['🎅', 'Santa'],
  ['👍', 'thumbs up'],
  ['☂️', 'umbrella'],
  ['⌛', 'hourglass'],
  ['⏰', 'alarm clock'],
  ['🎁', 'gift'],
  ['💡', 'light bulb'],
  ['📕', 'book'],
  ['✏️', 'pencil'],
  ['📎', 'paperclip'],
  ['✂️', 'scissors'],
  ['🔒', 'lock'],
  ['🔑', 'key'],
  ['🔨', 'hammer'],
  ['☎️', 'telephone'],
  ['🏁', 'flag'],
  ['🚂', 'train'],
  ['🚲', 'bicycle'],
  ['✈️', 'aeroplane'],
  ['🚀', 'rocket'],
  ['🏆', 'trophy'],
  ['⚽', 'football'],
  ['🎸', 'guitar'],
  ['🎺', 'trumpet'],
  ['🔔', 'bell'],
  ['⚓', 'anchor'],
  ['🎧', 'headphones'],
  ['📁', 'folder'],
  ['📌', 'pin'],
];

export interface SasInput {
  meetingId: string;
  /** Both DTLS fingerprints of the connection, in either order. */
  fingerprints: readonly [string, string];
  initiatorId: string;
  responderId: string;
  initiatorNonce: string;
  responderNonce: string;
}

export interface ShortAuthString {
  /** Seven pictures with their names, 42 bits. */
  emoji: { symbol: string; name: string }[];
  /** Three groups of four digits, from all 48 bits. */
  digits: [string, string, string];
}

/** The commitment the initiator sends before it learns the responder's nonce. */
export function commitTo(nonce: string): Promise<string> {
  return sha256Base64Url(fromBase64Url(nonce));
}

/** HKDF-SHA-256(fpLow | fpHigh | nI | nR, salt = meetingId, info = "sas-v1" | ids): 6 bytes. */
export async function deriveSasBytes(input: SasInput): Promise<Uint8Array> {
  const [fpLow, fpHigh] = [...input.fingerprints].sort();
  const secret = utf8([fpLow, fpHigh, input.initiatorNonce, input.responderNonce].join('|'));
  const key = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: utf8(input.meetingId),
      info: utf8(['sas-v1', input.initiatorId, input.responderId].join('|')),
    },
    key,
    48,
  );
  return new Uint8Array(bits);
}

export function formatSas(bytes: Uint8Array): ShortAuthString {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  const emoji = Array.from({ length: 7 }, (_, i) => {
    const [symbol, name] = SAS_EMOJI[Number((bits >> BigInt(42 - 6 * i)) & 63n)]!;
    return { symbol, name };
  });
  const group = (i: number) => String(((bytes[i]! << 8) | bytes[i + 1]!) % 10_000).padStart(4, '0');
  return { emoji, digits: [group(0), group(2), group(4)] };
}

export async function deriveSas(input: SasInput): Promise<ShortAuthString> {
  return formatSas(await deriveSasBytes(input));
}
