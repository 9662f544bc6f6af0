import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrowser } from './find-browser.ts';

/** A real coturn on loopback using the TURN REST scheme our server mints credentials for. */
export interface Coturn {
  /** `turn:127.0.0.1:<port>?transport=udp` */
  url: string;
  /** Its `static-auth-secret`, shared with our server only. */
  secret: string;
  /** What coturn logged so far. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * coturn listening and relaying on 127.0.0.1 only, on a free port, plain UDP/TCP (no TLS or
 * DTLS), its config (with the secret: not on the command line), log and database in a temp dir.
 * Loopback peers must be allowed here, since both people and their relays are on loopback.
 */
export async function startCoturn(): Promise<Coturn> {
  const binary = findBrowser('coturn', 'TURNSERVER_PATH', ['/usr/bin/turnserver'], 'coturn');
  const dir = mkdtempSync(path.join(tmpdir(), 'conclave-coturn-'));
  const secret = randomBytes(24).toString('base64url');
  const port = await freePort();
  const logFile = path.join(dir, 'turn.log');
  const config = [
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    'min-port=49152',
    'max-port=65535',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=conclave.test',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-multicast-peers',
    'allow-loopback-peers',
    'fingerprint',
    'relay-threads=1',
    `userdb=${path.join(dir, 'turndb')}`,
    `pidfile=${path.join(dir, 'turn.pid')}`,
    `log-file=${logFile}`,
    'simple-log',
    'no-stdout-log',
  ];
  const configFile = path.join(dir, 'turnserver.conf');
  writeFileSync(configFile, `${config.join('\n')}\n`, { mode: 0o600 });

  const child: ChildProcess = spawn(binary, ['-c', configFile], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = log().split('\n').slice(-20).join('\n');
      await stop();
      throw new Error(`coturn did not start on 127.0.0.1:${port}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `turn:127.0.0.1:${port}?transport=udp`, secret, log, stop };
}
