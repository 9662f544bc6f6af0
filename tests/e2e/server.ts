import { startServer, type RunningServer } from '../../server/app.ts';
import { EXTENSION_ORIGINS } from '../../server/options.ts';

/** Our real server on loopback, on a free port, serving the built PWA. */
export function startTestServer(): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    port: 0,
    tls: null,
    proxied: false,
    allowedOrigins: EXTENSION_ORIGINS,
    iceServers: [],
    staticDir: 'dist/pwa',
    maxPayloadBytes: 64 * 1024,
  });
}
