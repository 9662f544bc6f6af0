import { toBase64Url } from '../../crypto/encoding.ts';
import { randomBytes } from '../../crypto/random.ts';
import { Emitter } from '../emitter.ts';
import type { Log } from '../meeting/link-messages.ts';
import { encodeMessage } from '../protocol/codec.ts';
import { MAX_FILE_BYTES, type WireMessage } from '../protocol/schemas.ts';
import type { DataLink } from '../signaling/transport.ts';
import { decodeChunkFrame, encodeChunkFrame, FILE_CHUNK_BYTES } from './chunk-frame.ts';

/** Received bytes held in memory at once, at most. */
const MAX_HELD_BYTES = 2 * MAX_FILE_BYTES;
/** Transfers listed at once; past it, the oldest finished ones are forgotten. */
const MAX_LISTED = 100;
/** Offers from others waiting for an answer, at most. */
const MAX_PENDING_OFFERS = 20;
/** Above this backlog on a link, the sender waits for it to drain. */
const HIGH_WATER_BYTES = 1024 * 1024;
/**
 * A file is read this much at a time and cut into chunks: each read is an async round trip
 * (in a browser, a Blob slice and its read cost far more than sending the bytes).
 */
export const READ_BLOCK_BYTES = 16 * FILE_CHUNK_BYTES;
/** Progress is announced about every this many bytes (and at the end): each redraws the list. */
const PROGRESS_EVERY_BYTES = 1024 * 1024;

/** A file to send, read a block at a time (the UI adapts a File to it). */
export interface FileSource {
  name: string;
  size: number;
  type: string;
  read(start: number, end: number): Promise<Uint8Array<ArrayBuffer>>;
}

export type TransferState =
  'offered' | 'sending' | 'receiving' | 'done' | 'declined' | 'cancelled' | 'failed';

export interface Transfer {
  id: string;
  direction: 'out' | 'in';
  peerId: string;
  name: string;
  size: number;
  type: string;
  state: TransferState;
  bytes: number;
  /** A received file's contents, once done; kept in memory only. */
  parts: Uint8Array<ArrayBuffer>[] | null;
}

export interface FileTransferDeps {
  /** Sends over the roster-verified data link to one peer (dropped when there is none). */
  send(peerId: string, message: string | Uint8Array<ArrayBuffer>): void;
  /** That link, for its backlog. */
  link(peerId: string): DataLink | null;
  log: Log;
}

export type FileMessageType = 'file-offer' | 'file-answer' | 'file-end' | 'file-cancel';

export function isFileMessage(
  message: WireMessage,
): message is Extract<WireMessage, { t: FileMessageType }> {
  return message.t.startsWith('file-');
}

export class FileTooLargeError extends Error {
  constructor() {
    super(`Files up to ${MAX_FILE_BYTES / (1024 * 1024)} MB can be sent.`);
  }
}

/**
 * Files over the verified data channels: offered, sent only once the receiver accepts, in chunks
 * that wait for the link's backlog to drain; either side can cancel. A receiver keeps what
 * arrives in memory and checks every chunk against what was offered.
 */
export class FileTransfers {
  readonly events = new Emitter<{ changed: [] }>();
  private readonly transfers = new Map<string, Transfer>();
  private readonly sources = new Map<string, FileSource>();

  constructor(private readonly deps: FileTransferDeps) {}

  get list(): Transfer[] {
    return [...this.transfers.values()];
  }

  /** Offers `source` to each recipient separately. */
  offer(source: FileSource, recipients: readonly string[]): Transfer[] {
    if (source.size > MAX_FILE_BYTES) throw new FileTooLargeError();
    return recipients.map((peerId) => {
      const transfer = this.add({
        id: toBase64Url(randomBytes(16)),
        direction: 'out',
        peerId,
        name: source.name,
        size: source.size,
        type: source.type,
      });
      this.sources.set(keyOf(transfer), source);
      this.deps.send(
        peerId,
        encodeMessage('file-offer', {
          id: transfer.id,
          name: source.name,
          size: source.size,
          type: source.type,
        }),
      );
      return transfer;
    });
  }

  /** Accepts or declines an offer; throws a readable Error when it cannot be held. */
  answer(transfer: Transfer, accept: boolean): void {
    if (transfer.direction !== 'in' || transfer.state !== 'offered') return;
    if (accept && this.heldBytes() + transfer.size > MAX_HELD_BYTES) {
      throw new Error('Save or dismiss the files you received before accepting more.');
    }
    this.deps.send(transfer.peerId, encodeMessage('file-answer', { id: transfer.id, accept }));
    this.update(transfer, { state: accept ? 'receiving' : 'declined', parts: accept ? [] : null });
  }

  cancel(transfer: Transfer): void {
    if (isFinished(transfer)) return;
    this.deps.send(transfer.peerId, encodeMessage('file-cancel', { id: transfer.id }));
    this.finish(transfer, 'cancelled');
  }

  /** Frees a finished transfer (a received file's bytes with it). */
  dismiss(transfer: Transfer): void {
    if (!isFinished(transfer)) this.cancel(transfer);
    this.transfers.delete(keyOf(transfer));
    this.events.emit('changed');
  }

  private heldBytes(): number {
    return this.list
      .filter((t) => t.direction === 'in' && (t.state === 'receiving' || t.parts))
      .reduce((sum, t) => sum + t.size, 0);
  }

  handlePeerGone(peerId: string): void {
    for (const transfer of this.transfers.values()) {
      if (transfer.peerId === peerId && !isFinished(transfer)) this.finish(transfer, 'failed');
    }
  }

  handleMessage(peerId: string, message: Extract<WireMessage, { t: FileMessageType }>): void {
    if (message.t === 'file-offer') return this.handleOffer(peerId, message);
    const transfer = this.transfers.get(`${peerId}|${message.id}`);
    if (!transfer) return;
    switch (message.t) {
      case 'file-answer':
        if (transfer.direction !== 'out' || transfer.state !== 'offered') return;
        if (!message.accept) return this.finish(transfer, 'declined');
        return void this.stream(transfer);
      case 'file-end':
        if (transfer.direction !== 'in' || transfer.state !== 'receiving') return;
        if (transfer.bytes !== transfer.size) return this.refuse(transfer, 'ended short');
        return this.finish(transfer, 'done');
      case 'file-cancel':
        if (!isFinished(transfer)) this.finish(transfer, 'cancelled');
        return;
    }
  }

  private handleOffer(peerId: string, offer: Extract<WireMessage, { t: 'file-offer' }>): void {
    const key = `${peerId}|${offer.id}`;
    const waiting = this.list.filter((t) => t.direction === 'in' && t.state === 'offered');
    if (this.transfers.has(key) || waiting.length >= MAX_PENDING_OFFERS) {
      this.deps.send(peerId, encodeMessage('file-answer', { id: offer.id, accept: false }));
      return;
    }
    const transfer = this.add({ ...offer, direction: 'in', peerId });
    if (offer.size > MAX_FILE_BYTES) {
      this.deps.send(peerId, encodeMessage('file-answer', { id: offer.id, accept: false }));
      this.finish(transfer, 'failed');
    }
  }

  /** A binary message from a verified link: a piece of a file we accepted, or nothing of ours. */
  handleFrame(peerId: string, data: ArrayBuffer): void {
    const frame = decodeChunkFrame(data);
    if (!frame) return this.deps.log(`dropped a binary message from ${peerId}: not a file chunk`);
    const transfer = this.transfers.get(`${peerId}|${frame.id}`);
    if (transfer) this.handleChunk(transfer, frame.seq, frame.bytes);
  }

  private handleChunk(transfer: Transfer, seq: number, bytes: Uint8Array<ArrayBuffer>): void {
    if (transfer.direction !== 'in' || transfer.state !== 'receiving' || !transfer.parts) return;
    if (seq !== transfer.parts.length) return this.refuse(transfer, 'chunk out of order');
    if (transfer.bytes + bytes.length > transfer.size) return this.refuse(transfer, 'oversize');
    // Every chunk is whole but the last: the pieces held stay few, however a sender cuts them.
    const expected = Math.min(FILE_CHUNK_BYTES, transfer.size - transfer.bytes);
    if (bytes.length !== expected) return this.refuse(transfer, 'chunk not whole');
    transfer.parts.push(bytes);
    transfer.bytes += bytes.length;
    if (passedProgressMark(transfer, bytes.length)) this.events.emit('changed');
  }

  /** Sends one accepted file, chunk by chunk, pausing while the link's backlog is high. */
  private async stream(transfer: Transfer): Promise<void> {
    const source = this.sources.get(keyOf(transfer));
    if (!source) return;
    this.update(transfer, { state: 'sending' });
    try {
      let seq = 0;
      for await (const block of blocksOf(source)) {
        for (let offset = 0; offset < block.length; offset += FILE_CHUNK_BYTES, seq += 1) {
          const link = this.deps.link(transfer.peerId);
          if (link && link.bufferedAmount > HIGH_WATER_BYTES) await link.drained();
          if (!this.canSend(transfer)) break;
          const chunk = block.subarray(offset, offset + FILE_CHUNK_BYTES);
          this.deps.send(transfer.peerId, encodeChunkFrame(transfer.id, seq, chunk));
          transfer.bytes += chunk.length;
          if (passedProgressMark(transfer, chunk.length)) this.events.emit('changed');
        }
        if (!this.canSend(transfer)) break;
      }
      if (transfer.state !== 'sending') return;
      if (transfer.bytes !== source.size) return this.finish(transfer, 'failed');
      this.deps.send(transfer.peerId, encodeMessage('file-end', { id: transfer.id }));
      this.finish(transfer, 'done');
    } catch (error) {
      this.deps.log(`sending ${transfer.name} failed: ${String(error)}`);
      this.cancel(transfer);
    }
  }

  /** Still sending, over a link that is open. */
  private canSend(transfer: Transfer): boolean {
    return transfer.state === 'sending' && !!this.deps.link(transfer.peerId)?.isOpen;
  }

  private refuse(transfer: Transfer, why: string): void {
    this.deps.log(`file from ${transfer.peerId} refused: ${why}`);
    this.deps.send(transfer.peerId, encodeMessage('file-cancel', { id: transfer.id }));
    this.finish(transfer, 'failed');
  }

  private add(fields: Omit<Transfer, 'state' | 'bytes' | 'parts'>): Transfer {
    const transfer: Transfer = { ...fields, state: 'offered', bytes: 0, parts: null };
    this.transfers.set(keyOf(transfer), transfer);
    for (const [key, old] of this.transfers) {
      if (this.transfers.size <= MAX_LISTED) break;
      if (isFinished(old) && !old.parts) this.transfers.delete(key);
    }
    this.events.emit('changed');
    return transfer;
  }

  private finish(transfer: Transfer, state: TransferState): void {
    this.sources.delete(keyOf(transfer));
    this.update(transfer, { state, parts: state === 'done' ? transfer.parts : null });
  }

  private update(transfer: Transfer, changes: Partial<Transfer>): void {
    Object.assign(transfer, changes);
    this.events.emit('changed');
  }
}

/** A file's blocks in order, each read while the one before it is being sent. */
async function* blocksOf(source: FileSource): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const read = (at: number) => {
    const end = Math.min(at + READ_BLOCK_BYTES, source.size);
    const block = source.read(at, end).then((bytes) => {
      if (bytes.length !== end - at) throw new Error('the file changed while it was read');
      return bytes;
    });
    // Awaited in turn, unless sending stops first: then its failure no longer matters.
    block.catch(() => undefined);
    return block;
  };
  let next = source.size > 0 ? read(0) : null;
  for (let at = 0; next; at += READ_BLOCK_BYTES) {
    const block = await next;
    next = at + READ_BLOCK_BYTES < source.size ? read(at + READ_BLOCK_BYTES) : null;
    yield block;
  }
}

/** Whether the last `added` bytes took the transfer past a progress mark. */
function passedProgressMark(transfer: Transfer, added: number): boolean {
  const mark = (bytes: number) => Math.floor(bytes / PROGRESS_EVERY_BYTES);
  return mark(transfer.bytes) !== mark(transfer.bytes - added);
}

function keyOf(transfer: Transfer): string {
  return `${transfer.peerId}|${transfer.id}`;
}

function isFinished(transfer: Transfer): boolean {
  return !['offered', 'sending', 'receiving'].includes(transfer.state);
}
