import WebSocket from 'ws';
import { newIdentity } from '../../../server/test-support/identity.ts';

export interface BenchSocket {
  id: string;
  ws: WebSocket;
}

/** Loopback source addresses, `perAddress` sockets each, in 127.<block>.0.0/16. */
export function sourceAddress(index: number, perAddress: number, block: number): string {
  const n = Math.floor(index / perAddress);
  return `127.${block}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/** Opens a signaling socket with a fresh identity; resolves once the server sent OPEN. */
export async function openRegistered(
  serverUrl: string,
  localAddress: string,
  onMessage?: (data: string) => void,
): Promise<BenchSocket> {
  const origin = new URL(serverUrl).origin;
  const identity = await newIdentity();
  const token = await identity.token(origin, Date.now());
  const query = new URLSearchParams({ key: 'peerjs', id: identity.id, token });
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/peerjs/peerjs?${query}`, {
    origin,
    localAddress,
  });
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      ws.terminate();
      reject(new Error('no OPEN within 10 s'));
    }, 10_000);
    ws.once('message', (data) => {
      clearTimeout(timeout);
      const text = String(data);
      if (!text.includes('"OPEN"')) return reject(new Error(`registration: ${text}`));
      if (onMessage) ws.on('message', (more) => onMessage(String(more)));
      resolve({ id: identity.id, ws });
    });
    ws.once('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    ws.once('close', (code) => {
      clearTimeout(timeout);
      reject(new Error(`closed ${code} before OPEN`));
    });
  });
}

/** Runs `task` for each index with at most `concurrency` at once. */
export async function inParallel(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
