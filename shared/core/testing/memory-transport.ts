import { Emitter } from '../emitter.ts';
import type { SendQuality } from '../media/send-quality.ts';
import type {
  DataLink,
  DataLinkEvents,
  Fingerprints,
  MediaLink,
  MediaLinkEvents,
  SignalingTransport,
  TransportEvents,
} from '../signaling/transport.ts';

/**
 * An in-memory signaling network for unit tests of the core: links between transports of one
 * hub, delivered asynchronously like the real thing. `interceptFingerprint` lets a test play a
 * man in the middle, who makes each side see his certificate instead of the other's.
 */
export class MemoryNetwork {
  private readonly transports = new Map<string, MemoryTransport>();
  private readonly cuts = new Set<string>();
  interceptFingerprint: ((from: string, to: string) => string | null) | null = null;
  /** False plays PeerJS 1.5.5, whose far side is not told when a call is closed. */
  mediaCloseReachesPeer = true;

  transport(peerId: string, fingerprint: string): MemoryTransport {
    return new MemoryTransport(this, peerId, fingerprint);
  }

  register(transport: MemoryTransport): boolean {
    if (this.transports.has(transport.peerId)) return false;
    this.transports.set(transport.peerId, transport);
    return true;
  }

  unregister(transport: MemoryTransport): void {
    if (this.transports.get(transport.peerId) === transport)
      this.transports.delete(transport.peerId);
  }

  find(peerId: string): MemoryTransport | undefined {
    return this.transports.get(peerId);
  }

  /** Whom `from` reaches: no one while it is off the network (unregistered), as in an outage. */
  reach(from: MemoryTransport, peerId: string): MemoryTransport | undefined {
    if (this.cuts.has(pairKey(from.peerId, peerId))) return undefined;
    return this.find(from.peerId) === from ? this.find(peerId) : undefined;
  }

  /** The path between two peers alone goes (or comes back): each still reaches everyone else. */
  setPathCut(a: string, b: string, cut: boolean): void {
    if (cut) this.cuts.add(pairKey(a, b));
    else this.cuts.delete(pairKey(a, b));
  }

  /** The fingerprint `viewer` sees for `other` on a connection between them. */
  seenFingerprint(viewer: MemoryTransport, other: MemoryTransport): string {
    return this.interceptFingerprint?.(other.peerId, viewer.peerId) ?? other.localFingerprint;
  }
}

const later = (fn: () => void) => setTimeout(fn, 0);
const pairKey = (a: string, b: string) => [a, b].sort().join(' ');

export class MemoryTransport implements SignalingTransport {
  readonly events = new Emitter<TransportEvents>();
  /** Every data link this side opened, for assertions. */
  readonly dataLinks: MemoryDataLink[] = [];
  /** Every media link at this side, placed or received, for assertions. */
  readonly mediaLinks: MemoryMediaLink[] = [];
  private readonly links = new Set<{ close(): void }>();

  constructor(
    private readonly network: MemoryNetwork,
    readonly peerId: string,
    readonly localFingerprint: string,
  ) {}

  open(): Promise<void> {
    return this.network.register(this)
      ? Promise.resolve()
      : Promise.reject(new Error(`id ${this.peerId} taken`));
  }

  trustPeers(): void {}

  connect(peerId: string): MemoryDataLink {
    const remote = this.network.reach(this, peerId);
    const local = new MemoryDataLink(peerId, this.fingerprintsWith(remote));
    this.dataLinks.push(local);
    this.track(local);
    if (!remote) {
      later(() => this.events.emit('peer-unavailable', peerId));
      return local;
    }
    const far = new MemoryDataLink(this.peerId, remote.fingerprintsWith(this));
    remote.track(far);
    local.pair(far);
    later(() => {
      remote.events.emit('data-link', far);
      later(() => {
        far.markOpen();
        local.markOpen();
      });
    });
    return local;
  }

  call(peerId: string, stream: MediaStream): MemoryMediaLink {
    const remote = this.network.reach(this, peerId);
    const local = new MemoryMediaLink(peerId, this.fingerprintsWith(remote), stream);
    this.mediaLinks.push(local);
    this.track(local);
    if (!remote) {
      later(() => this.events.emit('peer-unavailable', peerId));
      return local;
    }
    const far = new MemoryMediaLink(this.peerId, remote.fingerprintsWith(this), null);
    remote.mediaLinks.push(far);
    remote.track(far);
    if (this.network.mediaCloseReachesPeer) local.pair(far);
    else local.pairWithoutClose(far);
    later(() => remote.events.emit('media-link', far));
    return local;
  }

  /** Every data link with one peer at this side, whichever side opened it. */
  dataLinksWith(peerId: string): MemoryDataLink[] {
    return [...this.links].filter(
      (l): l is MemoryDataLink => l instanceof MemoryDataLink && l.remotePeerId === peerId,
    );
  }

  /** Every media link with one peer at this side. */
  mediaLinksWith(peerId: string): MemoryMediaLink[] {
    return this.mediaLinks.filter((l) => l.remotePeerId === peerId);
  }

  destroy(): void {
    this.network.unregister(this);
    for (const link of [...this.links]) link.close();
  }

  private fingerprintsWith(remote: MemoryTransport | undefined): Fingerprints {
    return {
      local: this.localFingerprint,
      remote: remote ? this.network.seenFingerprint(this, remote) : '',
    };
  }

  private track(link: MemoryDataLink | MemoryMediaLink): void {
    this.links.add(link);
    const forget = () => this.links.delete(link);
    if (link instanceof MemoryDataLink) link.events.on('close', forget);
    else link.events.on('close', forget);
  }
}

export class MemoryDataLink implements DataLink {
  readonly events = new Emitter<DataLinkEvents>();
  isOpen = false;
  private closed = false;
  private peer: MemoryDataLink | null = null;

  get isClosed(): boolean {
    return this.closed;
  }
  /** Every text this side sent, for assertions. */
  readonly sent: string[] = [];

  constructor(
    readonly remotePeerId: string,
    private readonly seen: Fingerprints,
  ) {}

  pair(other: MemoryDataLink): void {
    this.peer = other;
    other.peer = this;
  }

  markOpen(): void {
    if (this.closed) return;
    this.isOpen = true;
    this.events.emit('open');
  }

  send(message: unknown): void {
    if (!this.isOpen) return;
    if (typeof message === 'string') this.sent.push(message);
    // Bytes arrive as a channel with binaryType 'arraybuffer' hands them over: a copy.
    const delivered = message instanceof Uint8Array ? message.slice().buffer : message;
    const peer = this.peer;
    later(() => {
      if (peer?.isOpen) peer.events.emit('message', delivered);
    });
  }

  /** Delivery here is immediate: nothing ever waits to go out. */
  readonly bufferedAmount = 0;

  drained(): Promise<void> {
    return Promise.resolve();
  }

  fingerprints(): Promise<Fingerprints> {
    return this.isOpen ? Promise.resolve(this.seen) : Promise.reject(new Error('not open'));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.isOpen = false;
    this.events.emit('close');
    const peer = this.peer;
    later(() => peer?.close());
  }

  /** The connection gives up on both sides, as ICE does when the network is gone too long. */
  fail(): void {
    for (const side of [this, this.peer]) {
      if (!side || side.closed) continue;
      side.events.emit('failed');
      side.closed = true;
      side.isOpen = false;
      side.events.emit('close');
    }
  }

  /**
   * Nothing goes through any more, and neither side is told: the far side's page died, and ICE
   * has not noticed yet.
   */
  sever(): void {
    if (this.peer) this.peer.peer = null;
    this.peer = null;
  }
}

export class MemoryMediaLink implements MediaLink {
  readonly events = new Emitter<MediaLinkEvents>();
  readonly sentTracks = new Map<string, MediaStreamTrack | null>();
  sendQuality: SendQuality | null = null;
  private closed = false;
  private closeReachesPeer = true;

  get isClosed(): boolean {
    return this.closed;
  }
  private peer: MemoryMediaLink | null = null;

  constructor(
    readonly remotePeerId: string,
    private readonly seen: Fingerprints,
    private stream: MediaStream | null,
  ) {}

  pair(other: MemoryMediaLink): void {
    this.peer = other;
    other.peer = this;
  }

  pairWithoutClose(other: MemoryMediaLink): void {
    this.pair(other);
    this.closeReachesPeer = false;
    other.closeReachesPeer = false;
  }

  answer(stream: MediaStream): void {
    this.stream = stream;
    const peer = this.peer;
    later(() => {
      if (this.closed || !peer || !peer.stream) return;
      for (const [side, other] of [
        [this, peer],
        [peer, this],
      ] as const) {
        side.events.emit('connected');
        side.events.emit('stream', other.stream as MediaStream);
      }
    });
  }

  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    this.sentTracks.set(kind, track);
    return Promise.resolve();
  }

  setSendQuality(quality: SendQuality): Promise<void> {
    this.sendQuality = quality;
    return Promise.resolve();
  }

  fingerprints(): Promise<Fingerprints> {
    return Promise.resolve(this.seen);
  }

  getStats(): Promise<RTCStatsReport> {
    return Promise.resolve(new Map() as unknown as RTCStatsReport);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.events.emit('close');
    const peer = this.peer;
    if (this.closeReachesPeer) later(() => peer?.close());
  }

  /** The network between the two sides goes quiet, as when a cable is pulled. */
  interrupt(): void {
    for (const side of [this, this.peer]) side?.events.emit('interrupted');
  }

  /** The network comes back before the connection gave up. */
  restore(): void {
    for (const side of [this, this.peer]) side?.events.emit('connected');
  }

  /** The connection gives up on both sides, as ICE does when consent expires. */
  fail(): void {
    for (const side of [this, this.peer]) {
      if (!side || side.closed) continue;
      side.events.emit('failed');
      side.closed = true;
      side.events.emit('close');
    }
  }
}
