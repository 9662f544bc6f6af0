import { parseArgs } from 'node:util';

export interface ServerOptions {
  host: string;
  port: number;
  tls: { key: string; cert: string } | null;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-*, send HSTS. */
  proxied: boolean;
  /** Exact origins, or a scheme wildcard such as `chrome-extension://*`. Empty: own origin only. */
  allowedOrigins: string[];
  iceServers: RTCIceServer[];
  /** Absolute URLs of every signaling server side by side (clients pick one per meeting). */
  signalingServers: string[];
  staticDir: string;
  /** Largest WebSocket frame accepted from a client. */
  maxPayloadBytes: number;
}

export const DEFAULT_PORT = 8787;
export const EXTENSION_ORIGINS = ['chrome-extension://*', 'moz-extension://*'];

export function defaultServerOptions(): ServerOptions {
  return {
    host: '127.0.0.1',
    port: DEFAULT_PORT,
    tls: null,
    proxied: false,
    allowedOrigins: EXTENSION_ORIGINS,
    iceServers: [],
    signalingServers: [],
    staticDir: 'dist/pwa',
    maxPayloadBytes: 64 * 1024,
  };
}

const HELP = `Usage: conclave-server [options]   (each option also reads the env var in brackets)
  --host <addr>              listen address [HOST] (default 127.0.0.1)
  --port <n>                 port [PORT] (default ${DEFAULT_PORT})
  --tls-key <file>           TLS private key, PEM [TLS_KEY]
  --tls-cert <file>          TLS certificate, PEM [TLS_CERT]
  --proxied                  behind a TLS proxy [PROXIED=1]
  --allowed-origins <list>   comma-separated origins allowed to connect [ALLOWED_ORIGINS]
                             (default: this server's own origin and any browser extension)
  --ice-servers <json>       RTCIceServer[] handed to clients [ICE_SERVERS] (default: none)
  --signaling-servers <list> comma-separated signaling URLs of all servers side by side,
                             e.g. https://a.example/peerjs [SIGNALING_SERVERS] (default: this one)
  --static-dir <dir>         built PWA [STATIC_DIR] (default dist/pwa)`;

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
      'signaling-servers': { type: 'string' },
      'static-dir': { type: 'string' },
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
  const defaults = defaultServerOptions();
  return {
    ...defaults,
    host: values.host ?? env.HOST ?? defaults.host,
    port,
    tls: keyFile && certFile ? { key: readFile(keyFile), cert: readFile(certFile) } : null,
    proxied: values.proxied ?? env.PROXIED === '1',
    allowedOrigins: origins
      ? origins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : defaults.allowedOrigins,
    iceServers: parseIceServers(values['ice-servers'] ?? env.ICE_SERVERS ?? '[]'),
    signalingServers: parseSignalingServers(
      values['signaling-servers'] ?? env.SIGNALING_SERVERS ?? '',
    ),
    staticDir: values['static-dir'] ?? env.STATIC_DIR ?? defaults.staticDir,
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
  if (!valid)
    throw new Error('--ice-servers must be a JSON array of {urls, username?, credential?}');
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
