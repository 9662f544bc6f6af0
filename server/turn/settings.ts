import type { TurnSettings } from './credentials.ts';

export const DEFAULT_TURN_LIFETIME_SECONDS = 3600;
const MIN_LIFETIME_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 86_400;
const MIN_SECRET_LENGTH = 16;
const TURN_URL = /^turns?:[^\s?#/]+(\?transport=(udp|tcp))?$/;

export interface TurnInputs {
  urls: string | undefined;
  /** A file holding the secret (its trailing newline is dropped). */
  secretFile: string | undefined;
  /** The secret itself, from the environment only (see the README on why not a flag). */
  secret: string | undefined;
  lifetimeSeconds: string | undefined;
}

/** TURN settings from flags/env, or null when no TURN server is configured. */
export function parseTurnSettings(
  inputs: TurnInputs,
  readFile: (path: string) => string,
): TurnSettings | null {
  const urls = (inputs.urls ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const secret = inputs.secretFile ? readFile(inputs.secretFile).trim() : inputs.secret?.trim();
  if (urls.length === 0 && !secret) return null;
  if (urls.length === 0) throw new Error('a TURN secret needs --turn-urls');
  if (!secret)
    throw new Error('--turn-urls needs the shared secret: --turn-secret-file or TURN_SECRET');
  for (const url of urls) {
    if (!TURN_URL.test(url)) {
      throw new Error(
        `--turn-urls takes turn:/turns: URLs such as turn:turn.example.org:3478?transport=udp, not "${url}"`,
      );
    }
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`the TURN secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const lifetime = Number(inputs.lifetimeSeconds ?? DEFAULT_TURN_LIFETIME_SECONDS);
  if (
    !Number.isSafeInteger(lifetime) ||
    lifetime < MIN_LIFETIME_SECONDS ||
    lifetime > MAX_LIFETIME_SECONDS
  ) {
    throw new Error(
      `--turn-lifetime takes whole seconds from ${MIN_LIFETIME_SECONDS} to ${MAX_LIFETIME_SECONDS}`,
    );
  }
  return { urls, secret, lifetimeSeconds: lifetime };
}
