import { createHmac, randomBytes } from 'node:crypto';

/** What the server needs to mint credentials for coturn's `use-auth-secret` (TURN REST) scheme. */
export interface TurnSettings {
  /** `turn:` / `turns:` URLs of the TURN servers that share the secret. */
  urls: string[];
  /** coturn's `static-auth-secret`; never leaves the server. */
  secret: string;
  /** How long a minted credential lets a client open new relay allocations. */
  lifetimeSeconds: number;
}

export interface TurnCredential {
  /** `<unix expiry>:<random id>`: coturn refuses it once the expiry has passed. */
  username: string;
  /** base64(HMAC-SHA1(secret, username)), which coturn recomputes from its copy of the secret. */
  credential: string;
}

/** 96 random bits: names one handout in coturn's logs, never a person. */
function randomId(): string {
  return randomBytes(12).toString('base64url');
}

export function mintTurnCredential(
  secret: string,
  expiresAtSeconds: number,
  id: string = randomId(),
): TurnCredential {
  const username = `${Math.floor(expiresAtSeconds)}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** One ICE server entry with a fresh credential, valid for the configured lifetime from `nowMs`. */
export function mintTurnIceServer(settings: TurnSettings, nowMs: number): RTCIceServer {
  const expiresAt = Math.floor(nowMs / 1000) + settings.lifetimeSeconds;
  return { urls: settings.urls, ...mintTurnCredential(settings.secret, expiresAt) };
}
