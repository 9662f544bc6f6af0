import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultServerOptions } from '../options.ts';
import { until } from '../test-support/poll.ts';
import type { SignalingClient } from '../test-support/signaling-client.ts';
import {
  registered,
  startRelayTestServer,
  type RelayTestServer,
} from '../test-support/test-server.ts';

let server: RelayTestServer;
const opened: Array<{ destroy(): void }> = [];
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.destroy();
  await server?.close();
});

function getStatus(url: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { localAddress, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('attack: one address opens thousands of signaling sockets', () => {
  it('caps the flooding address while another address still registers', async () => {
    const defaults = defaultServerOptions();
    server = await startRelayTestServer({
      relayLimits: { ...defaults.relayLimits, maxSocketsPerAddress: 8, maxSockets: 40 },
    });
    const flood: SignalingClient[] = [];
    for (let i = 0; i < 50; i++) {
      const { client } = await server.connectNew({ localAddress: '127.0.0.2' });
      flood.push(client);
      opened.push({ destroy: () => client.close() });
    }
    const answers = await Promise.all(flood.map((client) => client.settled()));
    expect(answers.filter((a) => a === 'OPEN')).toHaveLength(8);
    expect(answers.filter((a) => a === 'refused 429')).toHaveLength(42);
    const other = await registered(server, { localAddress: '127.0.0.1' });
    expect(other.client.closed).toBe(false);
  });
});

describe('attack: one address holds thousands of half-open HTTP connections', () => {
  it('destroys the excess so pages still load for everyone else', async () => {
    server = await startRelayTestServer({
      tcpLimits: { maxPerAddress: 20, maxTotal: 100 },
    });
    const { port } = new URL(server.url);
    let connected = 0;
    let closedByServer = 0;
    for (let i = 0; i < 300; i++) {
      const socket = net.connect({
        port: Number(port),
        host: '127.0.0.1',
        localAddress: '127.0.0.3',
      });
      socket.on('connect', () => connected++);
      socket.on('error', () => undefined);
      socket.on('close', () => closedByServer++);
      opened.push(socket);
    }
    // Accepted in order: once all 300 are connected, the page request queues behind them.
    await until(() => connected + closedByServer >= 300, 'flood connected');
    expect(await getStatus(`${server.url}/`, '127.0.0.1')).toBe(200);
    await until(() => closedByServer >= 280, 'excess connections destroyed');
    expect(closedByServer).toBe(280);
  });
});

describe('attack: one address reconnects as fast as it can', () => {
  it('refuses its upgrades past the rate (each costs a signature check); others still register', async () => {
    server = await startRelayTestServer();
    const { burst } = defaultServerOptions().relayLimits.upgradesPerAddress;
    const answers: string[] = [];
    // One socket at a time, so the per-address socket cap never applies.
    for (let i = 0; i < burst + 10; i++) {
      const { client } = await server.connectNew({ localAddress: '127.0.0.4' });
      answers.push(await client.settled());
      client.close();
      await until(() => client.closed, 'closed');
    }
    expect(answers.slice(0, burst).every((a) => a === 'OPEN')).toBe(true);
    expect(answers.slice(burst)).toEqual(Array(10).fill('refused 429'));
    const other = await registered(server, { localAddress: '127.0.0.1' });
    expect(other.client.closed).toBe(false);
  });
});
