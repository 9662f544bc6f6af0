import { Emitter } from '../emitter.ts';
import { MAX_MESSAGE_CHARS } from '../protocol/schemas.ts';
import type {
  DataLink,
  DataLinkEvents,
  MediaLink,
  SignalingTransport,
} from '../signaling/transport.ts';

/** Links held at once before the meeting listens; beyond this, newcomers are closed. */
export const MAX_EARLY_LINKS = 16;
/** Messages a link holds for its first listener; the rest are dropped. */
const MAX_HELD_MESSAGES = 16;

/**
 * Holds the connections that reach us between registering with the server and the meeting
 * listening for them (devices still starting). The server delivers the offers it queued for our
 * id the moment we register: after the host's page restarts, that is every guest knocking again.
 * Unheld, they would open and then hang. `release` stops holding and hands each one to whoever
 * listens now; the data links keep what their peer said until someone reads it.
 */
export function holdEarlyLinks(transport: SignalingTransport): { release(): void } {
  const data: DataLink[] = [];
  const media: MediaLink[] = [];
  const hold = <T extends { close(): void }>(list: T[], link: T) => {
    if (list.length < MAX_EARLY_LINKS) list.push(link);
    else link.close();
  };
  const stopData = transport.events.on('data-link', (link) => hold(data, holdMessages(link)));
  const stopMedia = transport.events.on('media-link', (link) => hold(media, link));
  return {
    release() {
      stopData();
      stopMedia();
      for (const link of media.splice(0)) transport.events.emit('media-link', link);
      for (const link of data.splice(0)) transport.events.emit('data-link', link);
    },
  };
}

/** Messages wait for the first listener, then go to everyone listening by then. */
class MessagesWaitForListener extends Emitter<DataLinkEvents> {
  private held: unknown[] | null = [];

  deliver(raw: unknown): void {
    if (!this.held) return this.emit('message', raw);
    // What the decoder would refuse anyway is not worth holding (a peer may send megabytes).
    const decodable = typeof raw === 'string' && raw.length <= MAX_MESSAGE_CHARS;
    if (decodable && this.held.length < MAX_HELD_MESSAGES) this.held.push(raw);
  }

  override on<K extends keyof DataLinkEvents>(
    event: K,
    listener: (...args: DataLinkEvents[K]) => void,
  ): () => void {
    const off = super.on(event, listener);
    if (event === 'message' && this.held) {
      const held = this.held;
      this.held = null;
      // After the caller has finished subscribing (a close listener may follow).
      queueMicrotask(() => held.forEach((raw) => this.emit('message', raw)));
    }
    return off;
  }
}

/** The same link, but what its peer says before anyone listens waits instead of being lost. */
export function holdMessages(link: DataLink): DataLink {
  const events = new MessagesWaitForListener();
  link.events.on('open', () => events.emit('open'));
  link.events.on('failed', () => events.emit('failed'));
  link.events.on('close', () => events.emit('close'));
  link.events.on('message', (raw) => events.deliver(raw));
  return {
    remotePeerId: link.remotePeerId,
    events,
    get isOpen() {
      return link.isOpen;
    },
    send: (text) => link.send(text),
    get bufferedAmount() {
      return link.bufferedAmount;
    },
    drained: () => link.drained(),
    fingerprints: () => link.fingerprints(),
    close: () => link.close(),
  };
}
