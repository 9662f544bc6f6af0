// Camera and microphone in memory for LocalMedia's unit tests: they record what was asked for.
import type { LocalMediaDeps, TrackKind } from '../media/local-media.ts';

type Listener = () => void;

export class FakeTrack {
  readyState: MediaStreamTrackState = 'live';
  private readonly ended: Listener[] = [];

  constructor(
    readonly kind: TrackKind,
    readonly label: string,
    private readonly deviceId?: string,
  ) {}

  stop(): void {
    this.readyState = 'ended';
  }

  getSettings(): MediaTrackSettings {
    return this.deviceId ? { deviceId: this.deviceId } : {};
  }

  addEventListener(type: string, listener: Listener): void {
    if (type === 'ended') this.ended.push(listener);
  }

  /** The device went away (unplugged): the browser ends the track and says so. */
  unplug(): void {
    this.readyState = 'ended';
    for (const listener of this.ended) listener();
  }
}

export class FakeStream {
  private tracks: FakeTrack[] = [];

  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }

  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }

  removeTrack(track: FakeTrack): void {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
}

/** Why the browser refuses a kind: as getUserMedia rejects. */
export type Refusal = 'NotAllowedError' | 'NotFoundError';

/**
 * A browser's camera and microphone: `requests` lists the kinds of each getUserMedia call, and
 * `opened` every device track handed out. A kind in `refuse` is refused with that error.
 */
export class FakeDevices {
  readonly requests: TrackKind[][] = [];
  readonly opened: FakeTrack[] = [];
  readonly placeholders: FakeTrack[] = [];
  readonly refuse: Partial<Record<TrackKind, Refusal>> = {};

  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const kinds = (['audio', 'video'] as const).filter((kind) => constraints[kind]);
    this.requests.push(kinds);
    const refused = kinds.map((kind) => this.refuse[kind]).find((refusal) => refusal);
    if (refused) return Promise.reject(Object.assign(new Error(refused), { name: refused }));
    const stream = new FakeStream();
    for (const kind of kinds) {
      const wanted = constraints[kind];
      const exact = typeof wanted === 'object' ? wanted.deviceId : undefined;
      const deviceId =
        typeof exact === 'object' && !Array.isArray(exact) ? String(exact.exact) : `${kind}-1`;
      const track = new FakeTrack(kind, `${kind} device`, deviceId);
      this.opened.push(track);
      stream.addTrack(track);
    }
    return Promise.resolve(stream as unknown as MediaStream);
  }

  /** What LocalMedia is built with in a test. */
  deps(): LocalMediaDeps {
    return {
      devices: this,
      createStream: () => new FakeStream() as unknown as MediaStream,
      placeholderTrack: (kind) => {
        const track = new FakeTrack(kind, `${kind} placeholder`);
        track.stop();
        this.placeholders.push(track);
        return track as unknown as MediaStreamTrack;
      },
    };
  }
}
