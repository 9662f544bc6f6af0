import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';

export type TrackKind = 'audio' | 'video';

/** What the meeting needs of local media: one stream to send, and word when a track changes. */
export interface LocalMediaSource {
  readonly stream: MediaStream;
  readonly events: Emitter<{ track: [TrackKind, MediaStreamTrack | null] }>;
  isOn(kind: TrackKind): boolean;
  /** The track to send for a kind, or null while it is off. */
  liveTrack(kind: TrackKind): MediaStreamTrack | null;
  /** Turns a device on or off; says why when it could not be turned on. */
  setOn(kind: TrackKind, on: boolean): Promise<ConclaveError | null>;
}

export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export interface LocalMediaDeps {
  devices: MediaDevicesLike;
  /** `new MediaStream()` in a browser; injected so the core stays free of DOM globals. */
  createStream(): MediaStream;
}

const CONSTRAINTS: Record<TrackKind, MediaTrackConstraints | boolean> = {
  audio: true,
  video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } },
};

/**
 * Camera and microphone. Turning a kind off stops its track, so the browser's indicator goes
 * out. The stopped track stays in `stream` as a placeholder: calls placed while it is off still
 * get a sender, which `replaceTrack` fills when it is turned back on.
 */
export class LocalMedia implements LocalMediaSource {
  readonly events = new Emitter<{ track: [TrackKind, MediaStreamTrack | null] }>();
  readonly stream: MediaStream;
  private readonly available = new Set<TrackKind>();

  constructor(private readonly deps: LocalMediaDeps) {
    this.stream = deps.createStream();
  }

  /** Asks for camera and microphone; returns why one or both are missing, or null. */
  async start(): Promise<ConclaveError | null> {
    try {
      this.adopt(
        await this.deps.devices.getUserMedia({
          audio: CONSTRAINTS.audio,
          video: CONSTRAINTS.video,
        }),
      );
      return null;
    } catch (error) {
      if (isPermissionError(error)) return mediaError(error);
    }
    // One device may be missing or busy: take whichever works.
    let lastError: unknown = null;
    for (const kind of ['audio', 'video'] as const) {
      try {
        this.adopt(await this.deps.devices.getUserMedia({ [kind]: CONSTRAINTS[kind] }));
      } catch (error) {
        lastError = error;
      }
    }
    return this.available.size === 2 ? null : mediaError(lastError);
  }

  isAvailable(kind: TrackKind): boolean {
    return this.available.has(kind);
  }

  isOn(kind: TrackKind): boolean {
    return this.liveTrack(kind) !== null;
  }

  liveTrack(kind: TrackKind): MediaStreamTrack | null {
    const track = this.track(kind);
    return track?.readyState === 'live' ? track : null;
  }

  async setOn(kind: TrackKind, on: boolean): Promise<ConclaveError | null> {
    if (!this.available.has(kind) || on === this.isOn(kind)) return null;
    if (!on) {
      this.track(kind)?.stop();
      this.events.emit('track', kind, null);
      return null;
    }
    try {
      const fresh = await this.deps.devices.getUserMedia({ [kind]: CONSTRAINTS[kind] });
      this.adopt(fresh);
      this.events.emit('track', kind, this.track(kind) ?? null);
      return null;
    } catch (error) {
      return mediaError(error);
    }
  }

  stop(): void {
    for (const track of this.stream.getTracks()) track.stop();
  }

  private track(kind: TrackKind): MediaStreamTrack | undefined {
    return this.stream.getTracks().find((t) => t.kind === kind);
  }

  private adopt(source: MediaStream): void {
    for (const track of source.getTracks()) {
      const kind = track.kind as TrackKind;
      const old = this.track(kind);
      if (old) {
        old.stop();
        this.stream.removeTrack(old);
      }
      this.stream.addTrack(track);
      this.available.add(kind);
    }
  }
}

function mediaError(cause: unknown): ConclaveError {
  const code = isPermissionError(cause) ? ErrorCode.MediaDenied : ErrorCode.MediaUnavailable;
  return new ConclaveError(code, { cause });
}

function isPermissionError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotAllowedError' || name === 'SecurityError';
}
