import { candidate, dataOffer } from '../../../server/test-support/messages.ts';
import { inParallel, openRegistered, sourceAddress, type BenchSocket } from './bench-socket.ts';

const PAIRS = 200;
const TICK_MS = 10;
const SEQUENCE = /candidate:(\d+) /;

export interface RelayLatency {
  /** Send -> receive, one sample per relayed message. */
  samplesMs: number[];
  messagesPerSecond: number;
  lost: number;
}

/** `ratePerSecond` CANDIDATE messages spread over 200 pairs (each within its budget), for a while. */
export async function measureRelayLatency(
  serverUrl: string,
  ratePerSecond: number,
  durationMs: number,
  block: number,
): Promise<RelayLatency> {
  const sentAt: number[] = [];
  const samplesMs: number[] = [];
  const onMessage = (text: string) => {
    const sequence = SEQUENCE.exec(text)?.[1];
    if (sequence !== undefined) samplesMs.push(performance.now() - sentAt[Number(sequence)]!);
  };
  const sockets: BenchSocket[] = new Array(PAIRS * 2);
  await inParallel(PAIRS * 2, 32, async (i) => {
    sockets[i] = await openRegistered(serverUrl, sourceAddress(i, 16, block), onMessage);
  });
  const pairs = Array.from({ length: PAIRS }, (_, i) => {
    const [from, to] = [sockets[2 * i]!, sockets[2 * i + 1]!];
    from.ws.send(JSON.stringify(dataOffer(to.id, `dc_bench${i}`)));
    return {
      from,
      template: candidate(to.id, `dc_bench${i}`) as { payload: { candidate: object } },
    };
  });

  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      const elapsed = performance.now() - start;
      // Catch up after a late tick, so the rate holds.
      const due = Math.floor((Math.min(elapsed, durationMs) * ratePerSecond) / 1000);
      while (next < due) {
        const { from, template } = pairs[next % PAIRS]!;
        const message = {
          ...template,
          payload: {
            ...template.payload,
            candidate: {
              ...template.payload.candidate,
              candidate: `candidate:${next} 1 udp 1 127.0.0.1 9 typ host`,
            },
          },
        };
        sentAt[next++] = performance.now();
        from.ws.send(JSON.stringify(message));
      }
      if (elapsed >= durationMs) {
        clearInterval(ticker);
        resolve();
      }
    }, TICK_MS);
  });
  const elapsedMs = performance.now() - start;
  const deadline = performance.now() + 2_000;
  while (samplesMs.length < next && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (const socket of sockets) socket.ws.terminate();
  return {
    samplesMs,
    messagesPerSecond: Math.round((next / elapsedMs) * 1000),
    lost: next - samplesMs.length,
  };
}
