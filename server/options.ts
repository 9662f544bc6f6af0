import { parseArgs } from 'node:util';
import type { TcpLimits } from './connection-limits/tcp-guard.ts';
import { parsePublicUrls } from './public-origins.ts';
import { defaultRelayLimits, type RelayLimits } from './signaling/limits.ts';
import type { TurnSettings } from './turn/credentials.ts';
import { DEFAULT_TURN_LIFETIME_SECONDS, parseTurnSettings } from './turn/settings.ts';

export interface ServerOptions {
  host: string;
  port: number;
  tls: { key: string; cert: string } | null;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-*, send HSTS. */
  proxied: boolean;
  /**
   * The origins people open this server at (signaling tokens are signed for one of them).
   * Empty: derived from the listen address (see defaultPublicOrigins).
   */
  publicOrigins: string[];
  /** Exact origins, or a scheme wildcard such as `chrome-extension://*`, besides our own. */
  allowedOrigins: string[];
  /** STUN (or TURN without credentials) handed to clients as is. */
  iceServers: RTCIceServer[];
  /** Our TURN servers: each client gets a freshly minted short-lived credential for them. */
  turn: TurnSettings | null;
  /** Absolute URLs of every signaling server side by side (clients pick one per meeting). */
  signalingServers: string[];
  staticDir: string;
  relayLimits: RelayLimits;
  tcpLimits: TcpLimits;
}

export const DEFAULT_PORT = 8787;
export const EXTENSION_ORIGINS = ['chrome-extension://*', 'moz-extension://*'];

export function defaultServerOptions(): ServerOptions {
  return {
    host: '127.0.0.1',
    port: DEFAULT_PORT,
    tls: null,
    proxied: false,
    publicOrigins: [],
    allowedOrigins: EXTENSION_ORIGINS,
    iceServers: [],
    turn: null,
    signalingServers: [],
    staticDir: 'dist/pwa',
    relayLimits: defaultRelayLimits(),
    tcpLimits: { maxPerAddress: 64, maxTotal: 25_000 },
  };
}

const DEFAULTS = defaultServerOptions();
const HELP = `Usage: conclave-server [options]   (each option also reads the env var in brackets)
  --host <addr>                listen address [HOST] (default 127.0.0.1)
  --port <n>                   port [PORT] (default ${DEFAULT_PORT})
  --public-url <urls>          the URL people open, e.g. https://meet.example.org [PUBLIC_URL]
                               (comma list for several; default: the listen address, and on
                               loopback also its localhost and 127.0.0.1 forms)
  --tls-key <file>             TLS private key, PEM [TLS_KEY]
  --tls-cert <file>            TLS certificate, PEM [TLS_CERT]
  --proxied                    behind a TLS proxy on this machine; needs --public-url [PROXIED=1]
  --allowed-origins <list>     comma-separated origins allowed to connect besides our own
                               [ALLOWED_ORIGINS] (default: ${EXTENSION_ORIGINS.join(', ')})
  --ice-servers <json>         RTCIceServer[] handed to clients as is, e.g. STUN [ICE_SERVERS]
                               (default: none; no credentials: TURN goes in --turn-urls)
  --turn-urls <list>           comma-separated turn:/turns: URLs of coturn servers using
                               use-auth-secret [TURN_URLS] (default: none)
  --turn-secret-file <file>    file holding their static-auth-secret [TURN_SECRET_FILE];
                               or the secret itself in [TURN_SECRET] (never as a flag: every
                               local user can read a process's flags)
  --turn-lifetime <seconds>    how long each minted TURN credential stays valid
                               [TURN_LIFETIME] (default ${DEFAULT_TURN_LIFETIME_SECONDS})
  --signaling-servers <list>   comma-separated signaling URLs of all servers side by side,
                               e.g. https://a.example/peerjs [SIGNALING_SERVERS] (default: this one)
  --static-dir <dir>           built PWA [STATIC_DIR] (default dist/pwa)
  --max-signaling-per-ip <n>   open signaling sockets per client address [MAX_SIGNALING_PER_IP]
                               (default ${DEFAULTS.relayLimits.maxSocketsPerAddress})
  --max-signaling <n>          open signaling sockets in total [MAX_SIGNALING]
                               (default ${DEFAULTS.relayLimits.maxSockets})
  --max-tcp-per-ip <n>         open TCP connections per client address, pages and sockets
                               [MAX_TCP_PER_IP] (default ${DEFAULTS.tcpLimits.maxPerAddress})
  --max-tcp <n>                open TCP connections in total [MAX_TCP]
                               (default ${DEFAULTS.tcpLimits.maxTotal})`;

export function parseServerOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
): ServerOptions | { help: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      proxied: { type: 'boolean' },
      'allowed-origins': { type: 'string' },
      'ice-servers': { type: 'string' },
      'turn-urls': { type: 'string' },
      'turn-secret-file': { type: 'string' },
      'turn-lifetime': { type: 'string' },
      'signaling-servers': { type: 'string' },
      'static-dir': { type: 'string' },
      'public-url': { type: 'string' },
      'max-signaling-per-ip': { type: 'string' },
      'max-signaling': { type: 'string' },
      'max-tcp-per-ip': { type: 'string' },
      'max-tcp': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: HELP };
  const keyFile = values['tls-key'] ?? env.TLS_KEY;
  const certFile = values['tls-cert'] ?? env.TLS_CERT;
  if (!!keyFile !== !!certFile) throw new Error('--tls-key and --tls-cert go together');
  const port = Number(values.port ?? env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${port}`);
  const origins = values['allowed-origins'] ?? env.ALLOWED_ORIGINS;
  const publicOrigins = parsePublicUrls(values['public-url'] ?? env.PUBLIC_URL ?? '');
  const proxied = values.proxied ?? env.PROXIED === '1';
  if (proxied && publicOrigins.length === 0) {
    throw new Error('--proxied needs --public-url: the https address people open');
  }
  const count = (flag: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${flag} must be a whole number >= 1`);
    return n;
  };
  const defaults = defaultServerOptions();
  return {
    ...defaults,
    host: values.host ?? env.HOST ?? defaults.host,
    port,
    tls: keyFile && certFile ? { key: readFile(keyFile), cert: readFile(certFile) } : null,
    proxied,
    publicOrigins,
    allowedOrigins: origins
      ? origins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : defaults.allowedOrigins,
    iceServers: parseIceServers(values['ice-servers'] ?? env.ICE_SERVERS ?? '[]'),
    turn: parseTurnSettings(
      {
        urls: values['turn-urls'] ?? env.TURN_URLS,
        secretFile: values['turn-secret-file'] ?? env.TURN_SECRET_FILE,
        secret: env.TURN_SECRET,
        lifetimeSeconds: values['turn-lifetime'] ?? env.TURN_LIFETIME,
      },
      readFile,
    ),
    signalingServers: parseSignalingServers(
      values['signaling-servers'] ?? env.SIGNALING_SERVERS ?? '',
    ),
    staticDir: values['static-dir'] ?? env.STATIC_DIR ?? defaults.staticDir,
    relayLimits: {
      ...defaults.relayLimits,
      maxSocketsPerAddress: count(
        'max-signaling-per-ip',
        values['max-signaling-per-ip'] ?? env.MAX_SIGNALING_PER_IP,
        defaults.relayLimits.maxSocketsPerAddress,
      ),
      maxSockets: count(
        'max-signaling',
        values['max-signaling'] ?? env.MAX_SIGNALING,
        defaults.relayLimits.maxSockets,
      ),
    },
    tcpLimits: {
      maxPerAddress: count(
        'max-tcp-per-ip',
        values['max-tcp-per-ip'] ?? env.MAX_TCP_PER_IP,
        defaults.tcpLimits.maxPerAddress,
      ),
      maxTotal: count('max-tcp', values['max-tcp'] ?? env.MAX_TCP, defaults.tcpLimits.maxTotal),
    },
  };
}

function parseIceServers(json: string): RTCIceServer[] {
  const parsed: unknown = JSON.parse(json);
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        (typeof (s as RTCIceServer).urls === 'string' || Array.isArray((s as RTCIceServer).urls)),
    );
  if (!valid) throw new Error('--ice-servers must be a JSON array of {urls}');
  // A static TURN password would be handed to every visitor for good: mint them instead.
  if (parsed.some((s: RTCIceServer) => s.username !== undefined || s.credential !== undefined)) {
    throw new Error(
      '--ice-servers takes no credentials: give TURN servers with --turn-urls and --turn-secret-file',
    );
  }
  return parsed as RTCIceServer[];
}

function parseSignalingServers(list: string): string[] {
  const urls = list
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of urls) {
    if (!URL.canParse(url) || !/^(https?|wss?):$/.test(new URL(url).protocol)) {
      throw new Error(`--signaling-servers takes absolute http(s)/ws(s) URLs, not "${url}"`);
    }
  }
  return urls;
}
