// Holds many registered, idle signaling sockets (heartbeat every 5 s, as PeerJS does).
// Usage: idle-clients-child.ts <server url> <count> <address block>
import type WebSocket from 'ws';
import { inParallel, openRegistered, sourceAddress } from './bench-socket.ts';
import type { ChildReport, ParentCommand } from './protocol.ts';

// Never outlive the bench that started this process.
process.on('disconnect', () => process.exit(1));

const [serverUrl, countArg, blockArg] = process.argv.slice(2);
const count = Number(countArg);
const PER_ADDRESS = 16;
const sockets: WebSocket[] = [];
let failed = 0;
let firstError = '';

await inParallel(count, 64, async (i) => {
  try {
    const { ws } = await openRegistered(
      serverUrl!,
      sourceAddress(i, PER_ADDRESS, Number(blockArg)),
    );
    ws.on('error', () => undefined);
    sockets.push(ws);
  } catch (error) {
    failed++;
    firstError ||= (error as Error).message;
  }
});
const heartbeat = setInterval(() => {
  for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send('{"type":"HEARTBEAT"}');
}, 5_000);
const opened = sockets.filter((ws) => ws.readyState === ws.OPEN).length;
process.send!({ type: 'clients-ready', opened, failed, firstError } satisfies ChildReport);

process.on('message', (command: ParentCommand) => {
  if (command.type !== 'stop') return;
  clearInterval(heartbeat);
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
