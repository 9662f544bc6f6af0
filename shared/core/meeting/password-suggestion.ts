import { randomBytes } from '../../crypto/random.ts';

// No look-alikes (0/O, 1/l/I) so it can be read out over the phone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Four groups of five from 32 symbols: 100 bits, easy to read aloud and type. */
export function suggestPassword(): string {
  const symbols = Array.from(randomBytes(20), (b) => ALPHABET[b % ALPHABET.length]);
  return [0, 5, 10, 15].map((i) => symbols.slice(i, i + 5).join('')).join('-');
}
