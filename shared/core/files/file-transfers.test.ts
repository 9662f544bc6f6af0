import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../protocol/codec.ts';
import { MAX_FILE_BYTES } from '../protocol/schemas.ts';
import type { DataLink } from '../signaling/transport.ts';
import { encodeChunkFrame, FILE_CHUNK_BYTES } from './chunk-frame.ts';
import {
  FileTooLargeError,
  FileTransfers,
  isFileMessage,
  READ_BLOCK_BYTES,
  type FileSource,
} from './file-transfers.ts';

/**
 * Two people whose transfers talk through an in-order queue, with a link backlog to watch: it
 * drains once everything sent so far is delivered.
 */
function pair() {
  const backlog = { bytes: 0, drains: 0 };
  const waitingForDrain: (() => void)[] = [];
  const link = {
    isOpen: true,
    get bufferedAmount() {
      return backlog.bytes;
    },
    drained: () => {
      backlog.drains += 1;
      return new Promise<void>((resolve) => waitingForDrain.push(resolve));
    },
  } as unknown as DataLink;
  const wire: { from: string; to: string; raw: string | Uint8Array<ArrayBuffer> }[] = [];
  const make = (self: string) =>
    new FileTransfers({
      send: (to, raw) => {
        wire.push({ from: self, to, raw });
        backlog.bytes += raw.length;
      },
      link: () => link,
      log: () => undefined,
    });
  const people = { ana: make('ana'), ben: make('ben') };
  const deliver = async () => {
    while (wire.length) {
      const { from, to, raw } = wire.shift()!;
      const target = to === 'ana' || to === 'ben' ? people[to] : null;
      // Bytes arrive as a channel with binaryType 'arraybuffer' hands them over: a copy.
      if (typeof raw !== 'string') target?.handleFrame(from, raw.slice().buffer);
      const decoded = decodeMessage(raw);
      if (target && decoded.ok && isFileMessage(decoded.message)) {
        target.handleMessage(from, decoded.message);
      }
      await Promise.resolve();
    }
    backlog.bytes = 0;
    for (const resolve of waitingForDrain.splice(0)) resolve();
  };
  return { ...people, link, wire, backlog, deliver };
}

function source(bytes: Uint8Array, name = 'notes.bin'): FileSource {
  return {
    name,
    size: bytes.length,
    type: 'application/octet-stream',
    read: async (start, end) => bytes.slice(start, end),
  };
}

/** Bytes that differ from their neighbours, so that any misplaced piece shows. */
const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7919) % 251);

const settle = async (deliver: () => Promise<void>) => {
  for (let i = 0; i < 50; i += 1) {
    await deliver();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

describe('FileTransfers', () => {
  it('sends nothing before the receiver accepts, then arrives intact', async () => {
    const { ana, ben, wire, deliver } = pair();
    const bytes = pattern(FILE_CHUNK_BYTES * 3 + 123);
    ana.offer(source(bytes), ['ben']);
    await deliver();
    const [incoming] = ben.list;
    expect(incoming).toMatchObject({ direction: 'in', state: 'offered', name: 'notes.bin' });
    expect(wire.filter((w) => typeof w.raw !== 'string')).toHaveLength(0);

    ben.answer(incoming!, true);
    await settle(deliver);
    expect(ben.list[0]!.state).toBe('done');
    expect(ana.list[0]!.state).toBe('done');
    const received = new Uint8Array(await new Blob(ben.list[0]!.parts!).arrayBuffer());
    expect(received).toEqual(bytes);
  });

  it('waits for the link to drain when its backlog is high', async () => {
    const { ana, ben, backlog, deliver } = pair();
    ana.offer(source(new Uint8Array(FILE_CHUNK_BYTES * 40)), ['ben']);
    await deliver();
    ben.answer(ben.list[0]!, true);
    await settle(deliver);
    expect(ben.list[0]!.state).toBe('done');
    expect(backlog.drains).toBeGreaterThan(0);
  });

  it('a decline or a cancel from either side stops it', async () => {
    const { ana, ben, deliver } = pair();
    ana.offer(source(new Uint8Array(10)), ['ben']);
    await deliver();
    ben.answer(ben.list[0]!, false);
    await deliver();
    expect(ana.list[0]!.state).toBe('declined');

    const size = READ_BLOCK_BYTES * 3;
    ana.offer(source(new Uint8Array(size)), ['ben']);
    await deliver();
    const second = ben.list[1]!;
    ben.answer(second, true);
    while (second.bytes === 0) await deliver();
    ben.cancel(second);
    await settle(deliver);
    expect(ana.list[1]!.state).toBe('cancelled');
    expect(ana.list[1]!.bytes).toBeLessThan(size);
    expect(second.state).toBe('cancelled');
    expect(second.parts).toBeNull();
  });

  it('reads the file a block at a time, each while the one before is sent', async () => {
    const { ana, ben, wire, deliver } = pair();
    const bytes = pattern(READ_BLOCK_BYTES * 2 + 5);
    const chunksSent = () => wire.filter((w) => typeof w.raw !== 'string').length;
    const reads: { start: number; end: number; chunksSent: number }[] = [];
    const counted = source(bytes);
    const read = counted.read;
    counted.read = (start, end) => {
      reads.push({ start, end, chunksSent: chunksSent() });
      return read(start, end);
    };
    ana.offer(counted, ['ben']);
    await deliver();
    ben.answer(ben.list[0]!, true);
    await settle(deliver);
    expect(reads.map(({ start, end }) => [start, end])).toEqual([
      [0, READ_BLOCK_BYTES],
      [READ_BLOCK_BYTES, READ_BLOCK_BYTES * 2],
      [READ_BLOCK_BYTES * 2, READ_BLOCK_BYTES * 2 + 5],
    ]);
    expect(reads[1]!.chunksSent).toBe(0);
    const received = new Uint8Array(await new Blob(ben.list[0]!.parts!).arrayBuffer());
    // Compared whole (toEqual walks megabytes byte by byte, far too slowly).
    expect(Buffer.compare(received, bytes)).toBe(0);
  });

  it('a link that closes midway fails the transfer without reading on', async () => {
    const { ana, ben, link, deliver } = pair();
    const reads: number[] = [];
    const file = source(new Uint8Array(READ_BLOCK_BYTES * 8));
    const read = file.read;
    file.read = (start, end) => (reads.push(start), read(start, end));
    ana.offer(file, ['ben']);
    await deliver();
    ben.answer(ben.list[0]!, true);
    while (ben.list[0]!.bytes === 0) await deliver();
    (link as { isOpen: boolean }).isOpen = false;
    await settle(deliver);
    expect(ana.list[0]!.state).toBe('failed');
    expect(ana.list[0]!.bytes).toBeLessThanOrEqual(READ_BLOCK_BYTES * 2);
    expect(reads.length).toBeLessThanOrEqual(4);
  });

  it('an empty file is sent without reading it', async () => {
    const { ana, ben, deliver } = pair();
    const empty = source(new Uint8Array(0));
    empty.read = () => Promise.reject(new Error('read an empty file'));
    ana.offer(empty, ['ben']);
    await deliver();
    ben.answer(ben.list[0]!, true);
    await settle(deliver);
    expect(ana.list[0]!.state).toBe('done');
    expect(ben.list[0]!).toMatchObject({ state: 'done', bytes: 0, parts: [] });
  });

  it('a file that reads short is cancelled, not sent as if whole', async () => {
    const { ana, ben, deliver } = pair();
    const shrunk = source(new Uint8Array(FILE_CHUNK_BYTES * 3));
    shrunk.read = async (start, end) => new Uint8Array(end - start - 1);
    ana.offer(shrunk, ['ben']);
    await deliver();
    ben.answer(ben.list[0]!, true);
    await settle(deliver);
    expect(ana.list[0]!.state).toBe('cancelled');
    expect(ben.list[0]!).toMatchObject({ state: 'cancelled', parts: null, bytes: 0 });
  });

  it('refuses files over the cap on both sides', async () => {
    const { ana, ben, deliver } = pair();
    expect(() =>
      ana.offer({ ...source(new Uint8Array(1)), size: MAX_FILE_BYTES + 1 }, ['ben']),
    ).toThrow(FileTooLargeError);
    ben.handleMessage('mallory', {
      t: 'file-offer',
      v: 1,
      id: 'A'.repeat(22),
      name: 'huge',
      size: MAX_FILE_BYTES + 1,
      type: '',
    });
    await deliver();
    expect(ben.list[0]!.state).toBe('failed');
  });

  it('a sender that sends more than it offered is cut off', async () => {
    const { ana, ben, wire, deliver } = pair();
    ana.offer(source(new Uint8Array(4)), ['ben']);
    await deliver();
    const incoming = ben.list[0]!;
    ben.answer(incoming, true);
    ben.handleFrame('ana', encodeChunkFrame(incoming.id, 0, new Uint8Array(8)).buffer);
    expect(incoming).toMatchObject({ state: 'failed', parts: null, bytes: 0 });
    expect(wire.at(-1)!.raw).toBe(encodeMessage('file-cancel', { id: incoming.id }));
  });

  it('a chunk out of order, or cut short before the end, fails the transfer and tells the sender', async () => {
    const { ana, ben, wire, deliver } = pair();
    for (const [seq, length] of [
      [1, FILE_CHUNK_BYTES],
      [0, FILE_CHUNK_BYTES - 1],
      [0, 1],
    ] as const) {
      ana.offer(source(new Uint8Array(FILE_CHUNK_BYTES * 2)), ['ben']);
      await deliver();
      const incoming = ben.list.at(-1)!;
      ben.answer(incoming, true);
      wire.length = 0;
      ben.handleFrame('ana', encodeChunkFrame(incoming.id, seq, new Uint8Array(length)).buffer);
      expect(incoming).toMatchObject({ state: 'failed', parts: null, bytes: 0 });
      expect(wire.map((w) => w.raw)).toEqual([encodeMessage('file-cancel', { id: incoming.id })]);
    }
  });

  it('binary messages that are not file chunks are dropped, and the transfer carries on', () => {
    const log: string[] = [];
    const bob = new FileTransfers({
      send: () => undefined,
      link: () => null,
      log: (l) => log.push(l),
    });
    bob.handleMessage('ana', {
      t: 'file-offer',
      v: 1,
      id: 'A'.repeat(22),
      name: 'a',
      size: 4,
      type: '',
    });
    const incoming = bob.list[0]!;
    bob.answer(incoming, true);
    const good = encodeChunkFrame(incoming.id, 0, new Uint8Array([1, 2, 3, 4]));
    const otherTag = good.slice();
    otherTag[0] = 2;
    for (const junk of [new ArrayBuffer(0), good.slice(0, 21).buffer, otherTag.buffer]) {
      bob.handleFrame('ana', junk);
    }
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/not a file chunk/);
    expect(incoming).toMatchObject({ state: 'receiving', bytes: 0 });
    bob.handleFrame('ana', good.buffer);
    expect(incoming).toMatchObject({ state: 'receiving', bytes: 4 });
  });

  it('chunks from someone else, or for a transfer never accepted, are ignored', async () => {
    const { ana, ben, deliver } = pair();
    ana.offer(source(new Uint8Array(4)), ['ben']);
    await deliver();
    const incoming = ben.list[0]!;
    const frame = encodeChunkFrame(incoming.id, 0, new Uint8Array(4)).buffer;
    ben.handleFrame('mallory', frame);
    ben.handleFrame('ana', frame);
    expect(incoming).toMatchObject({ state: 'offered', bytes: 0 });
  });
});
