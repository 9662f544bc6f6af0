// Floods one victim with OFFER/CANDIDATE from `flooders` sockets for a while, reconnecting
// with a fresh identity when closed (if asked), and reports what the victim received.
// Usage: flood-child.ts <server url> <flooders> <duration ms> <address block> <reconnect 0|1>
import type WebSocket from 'ws';
import { candidate, dataOffer } from '../../../server/test-support/messages.ts';
import { openRegistered, sourceAddress } from './bench-socket.ts';
import type { ChildReport } from './protocol.ts';

// Never outlive the bench that started this process.
process.on('disconnect', () => process.exit(1));

const [serverUrl, floodersArg, durationArg, blockArg, reconnectArg] = process.argv.slice(2);
const block = Number(blockArg);
const durationMs = Number(durationArg);
const MAX_UNSENT_BYTES = 1024 * 1024;

let victimReceived = 0;
let sent = 0;
let reconnects = 0;
const victim = await openRegistered(serverUrl!, sourceAddress(0, 1, block), () => victimReceived++);
const offer = JSON.stringify(dataOffer(victim.id, 'dc_flood'));
const spam = JSON.stringify(candidate(victim.id, 'dc_flood'));

async function flood(index: number, until: number): Promise<void> {
  let ws: WebSocket | null = null;
  while (Date.now() < until) {
    if (!ws || ws.readyState !== ws.OPEN) {
      if (ws && reconnectArg !== '1') return;
      if (ws) reconnects++;
      try {
        ws = (await openRegistered(serverUrl!, sourceAddress(index + 1, 1, block))).ws;
        ws.on('error', () => undefined);
        ws.send(offer);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
    }
    if (ws.bufferedAmount < MAX_UNSENT_BYTES) {
      for (let i = 0; i < 100; i++) ws.send(spam);
      sent += 100;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  ws?.terminate();
}

process.send!({ type: 'flood-started' } satisfies ChildReport);
const until = Date.now() + durationMs;
await Promise.all(Array.from({ length: Number(floodersArg) }, (_, i) => flood(i, until)));
// Let what the server already relayed arrive.
const settle = Date.now() + 500;
while (Date.now() < settle) await new Promise((resolve) => setTimeout(resolve, 20));
process.send!({ type: 'flood-done', victimReceived, sent, reconnects } satisfies ChildReport);
victim.ws.terminate();
process.exit(0);
