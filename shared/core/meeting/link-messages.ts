import { ConclaveError, ErrorCode } from '../errors.ts';
import { decodeMessage } from '../protocol/codec.ts';
import {
  MAX_MESSAGE_CHARS,
  type MessageOf,
  type WireMessage,
  type WireMessageType,
} from '../protocol/schemas.ts';
import type { DataLink } from '../signaling/transport.ts';

export type Log = (message: string) => void;

/** How long either side of the admission handshake waits for the other's next step. */
export const HANDSHAKE_TIMEOUT_MS = 15_000;

/** Decodes one raw message from a link; invalid ones are logged and dropped. */
export function readMessage(link: DataLink, raw: unknown, log: Log): WireMessage | null {
  const result = decodeMessage(raw);
  if (result.ok) return result.message;
  log(`dropped invalid message from ${link.remotePeerId}: ${result.reason}`);
  return null;
}

export class LinkClosedError extends Error {}
export class LinkTimeoutError extends Error {}

export function waitForOpen(link: DataLink, timeoutMs: number): Promise<void> {
  if (link.isOpen) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new LinkTimeoutError('open timed out')), timeoutMs);
    const offOpen = link.events.on('open', () => finish());
    const offClose = link.events.on('close', () => finish(new LinkClosedError('closed')));
    function finish(error?: Error) {
      clearTimeout(timer);
      offOpen();
      offClose();
      if (error) reject(error);
      else resolve();
    }
  });
}

/**
 * Waits for the next valid message of one of `types`. Invalid messages are dropped; a valid
 * message of another type is a protocol violation at this step of a handshake.
 */
export function nextMessage<T extends WireMessageType>(
  link: DataLink,
  types: readonly T[],
  timeoutMs: number,
  log: Log,
): Promise<MessageOf<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new LinkTimeoutError(`no ${types.join('/')}`)),
      timeoutMs,
    );
    const offMessage = link.events.on('message', (raw) => {
      const message = readMessage(link, raw, log);
      if (!message) return;
      if ((types as readonly string[]).includes(message.t))
        finish(undefined, message as MessageOf<T>);
      else
        finish(
          new ConclaveError(ErrorCode.ProtocolViolation, {
            detail: `expected ${types.join('/')}, got ${message.t}`,
          }),
        );
    });
    const offClose = link.events.on('close', () => finish(new LinkClosedError('closed')));
    function finish(error?: Error, message?: MessageOf<T>) {
      clearTimeout(timer);
      offMessage();
      offClose();
      if (message) resolve(message);
      else reject(error);
    }
  });
}

/**
 * Holds the first messages of a link that is not trusted yet (a peer's camera state often
 * arrives before we have checked its connection), to be read once it is. Bounded: the rest are
 * dropped.
 */
export class EarlyMessages {
  private readonly held: unknown[] = [];
  private readonly stop: () => void;

  constructor(link: DataLink, limit = 16) {
    this.stop = link.events.on('message', (raw) => {
      // What the decoder would refuse anyway is not worth holding (a peer may send megabytes).
      const decodable = typeof raw === 'string' && raw.length <= MAX_MESSAGE_CHARS;
      if (decodable && this.held.length < limit) this.held.push(raw);
    });
  }

  release(): unknown[] {
    this.stop();
    return this.held.splice(0);
  }
}
