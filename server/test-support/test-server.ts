import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer, type ServerDependencies } from '../app.ts';
import { defaultServerOptions, type ServerOptions } from '../options.ts';
import { newIdentity } from './identity.ts';
import { SignalingClient, type ConnectOptions } from './signaling-client.ts';

/** A static dir holding only an index page, so the server starts without a build. */
export function tinyStaticDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'conclave-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

/** A clock the test moves by hand; tokens are made against it too. */
export class TestClock {
  constructor(public time = 1_790_000_000_000) {}
  readonly now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface RelayTestServer extends RunningServer {
  clock: TestClock;
  logLines: string[];
  /** A fresh identity, registered (or not) with a valid token for the server's own origin. */
  connectNew(options?: Partial<ConnectOptions>): Promise<{ client: SignalingClient; id: string }>;
  connect(options: ConnectOptions): SignalingClient;
}

export async function startRelayTestServer(
  overrides: Partial<ServerOptions> = {},
  dependencies: Partial<ServerDependencies> = {},
): Promise<RelayTestServer> {
  const clock = new TestClock();
  const logLines: string[] = [];
  const server = await startServer(
    { ...defaultServerOptions(), port: 0, staticDir: tinyStaticDir(), ...overrides },
    { now: clock.now, logger: { warn: (line) => logLines.push(line) }, ...dependencies },
  );
  const origin = server.publicOrigins[0]!;
  const connect = (options: ConnectOptions) =>
    new SignalingClient(server.url, { origin, ...options });
  return {
    ...server,
    clock,
    logLines,
    connect,
    connectNew: async (options = {}) => {
      const identity = await newIdentity();
      const token = await identity.token(origin, clock.time);
      return { client: connect({ id: identity.id, token, ...options }), id: identity.id };
    },
  };
}

/** A registered client: resolves once OPEN arrived, throws otherwise. */
export async function registered(
  server: RelayTestServer,
  options: Partial<ConnectOptions> = {},
): Promise<{ client: SignalingClient; id: string }> {
  const connection = await server.connectNew(options);
  const answer = await connection.client.settled();
  if (answer !== 'OPEN') throw new Error(`expected OPEN, got ${answer}`);
  return connection;
}
