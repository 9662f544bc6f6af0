import { startServer, type RunningServer } from '../../server/app.ts';
import { defaultServerOptions, type ServerOptions } from '../../server/options.ts';

/** Our real server on loopback, on a free port, serving the built PWA. */
export function startTestServer(overrides: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ ...defaultServerOptions(), port: 0, ...overrides });
}
