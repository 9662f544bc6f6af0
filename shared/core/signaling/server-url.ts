import { ConclaveError, ErrorCode } from '../errors.ts';

export interface PeerServerAddress {
  host: string;
  port: number;
  path: string;
  secure: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Parses a signaling URL such as `https://meet.example.org/peerjs`. Plain http/ws is refused
 * for anything but this computer: on a network the signaling path must be TLS. What is not an
 * http(s) or ws(s) URL is an invalid address, told apart from a server that does not answer.
 */
export function parseServerUrl(url: string): PeerServerAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ConclaveError(ErrorCode.InvalidServerAddress, { cause, detail: url });
  }
  const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
  const plain = parsed.protocol === 'http:' || parsed.protocol === 'ws:';
  // "meet.example.org:9000" parses, as a URL of a scheme named "meet.example.org".
  if ((!secure && !plain) || !parsed.hostname) {
    throw new ConclaveError(ErrorCode.InvalidServerAddress, { detail: url });
  }
  if (plain && !LOOPBACK.test(parsed.hostname)) {
    throw new ConclaveError(ErrorCode.InsecureServer, { detail: url });
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 443 : 80,
    path: parsed.pathname,
    secure,
  };
}

/** The origin a client sees for this server: what its registration token is signed for. */
export function serverOrigin(address: PeerServerAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return new URL(`${address.secure ? 'https' : 'http'}://${host}:${address.port}`).origin;
}
