import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';

export type TrackKind = 'audio' | 'video';

export interface LocalMediaEvents {
  /** What is sent for a kind changed: the new track, or null for nothing. */
  track: [TrackKind, MediaStreamTrack | null];
  /** The screen share started or stopped (from our controls or the browser's own). */
  screen: [MediaStreamTrack | null];
  /** A device in use went away (unplugged, taken by the system). */
  'device-lost': [TrackKind];
}

/** What the meeting needs of local media: one stream to send, and word when a track changes. */
export interface LocalMediaSource {
  readonly stream: MediaStream;
  readonly events: Emitter<LocalMediaEvents>;
  isOn(kind: TrackKind): boolean;
  /** The track to send for a kind, or null while it is off (the screen while sharing). */
  liveTrack(kind: TrackKind): MediaStreamTrack | null;
  isSharingScreen(): boolean;
  /** Turns a device on or off; says why when it could not be turned on. */
  setOn(kind: TrackKind, on: boolean): Promise<ConclaveError | null>;
}

export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia?(options: DisplayMediaStreamOptions): Promise<MediaStream>;
}

export interface LocalMediaDeps {
  devices: MediaDevicesLike;
  /** `new MediaStream()` in a browser; injected so the core stays free of DOM globals. */
  createStream(): MediaStream;
}

/** Device ids chosen before joining (undefined: the browser's default). */
export type DeviceChoice = Partial<Record<TrackKind, string>>;

const CONSTRAINTS: Record<TrackKind, MediaTrackConstraints> = {
  audio: {},
  video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } },
};

function constraintsFor(kind: TrackKind, deviceId: string | undefined): MediaTrackConstraints {
  return deviceId ? { ...CONSTRAINTS[kind], deviceId: { exact: deviceId } } : CONSTRAINTS[kind];
}

/**
 * Camera, microphone and screen. Turning a kind off stops its track, so the browser's indicator
 * goes out. The stopped track stays in `stream` as a placeholder: calls placed while it is off
 * still get a sender, which `replaceTrack` fills when it is turned back on. While the screen is
 * shared, the screen's track is what goes out as video; the camera comes back after.
 */
export class LocalMedia implements LocalMediaSource {
  readonly events = new Emitter<LocalMediaEvents>();
  readonly stream: MediaStream;
  private readonly available = new Set<TrackKind>();
  private readonly chosen: DeviceChoice = {};
  private screen: MediaStreamTrack | null = null;

  constructor(private readonly deps: LocalMediaDeps) {
    this.stream = deps.createStream();
  }

  /** Asks for camera and microphone; returns why one or both are missing, or null. */
  async start(devices: DeviceChoice = {}): Promise<ConclaveError | null> {
    Object.assign(this.chosen, devices);
    try {
      this.adopt(
        await this.deps.devices.getUserMedia({
          audio: constraintsFor('audio', this.chosen.audio),
          video: constraintsFor('video', this.chosen.video),
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
        this.adopt(await this.getDevice(kind));
      } catch (error) {
        lastError = error;
      }
    }
    return this.available.size === 2 ? null : mediaError(lastError);
  }

  isAvailable(kind: TrackKind): boolean {
    return this.available.has(kind);
  }

  /** Whether the camera or microphone itself is on (the screen share aside). */
  isOn(kind: TrackKind): boolean {
    return this.track(kind)?.readyState === 'live';
  }

  liveTrack(kind: TrackKind): MediaStreamTrack | null {
    if (kind === 'video' && this.screen) return this.screen;
    const track = this.track(kind);
    return track?.readyState === 'live' ? track : null;
  }

  /** The device id of the camera or microphone in use (or last used). */
  deviceId(kind: TrackKind): string | undefined {
    return this.track(kind)?.getSettings().deviceId ?? this.chosen[kind];
  }

  async setOn(kind: TrackKind, on: boolean): Promise<ConclaveError | null> {
    if (!this.available.has(kind) || on === this.isOn(kind)) return null;
    if (!on) {
      this.track(kind)?.stop();
      this.emitTrack(kind);
      return null;
    }
    return this.acquire(kind);
  }

  /** Switches to another camera or microphone; it is sent at once if that kind is on. */
  async useDevice(kind: TrackKind, deviceId: string | undefined): Promise<ConclaveError | null> {
    this.chosen[kind] = deviceId;
    if (!this.isOn(kind)) return null;
    return this.acquire(kind);
  }

  isSharingScreen(): boolean {
    return this.screen !== null;
  }

  /** Asks the browser for a screen, window or tab; null once sharing, else why not. */
  async startScreenShare(): Promise<ConclaveError | null> {
    if (this.screen) return null;
    const display = this.deps.devices.getDisplayMedia;
    if (!display) return new ConclaveError(ErrorCode.ScreenShareUnavailable);
    let captured: MediaStream;
    try {
      captured = await display.call(this.deps.devices, { video: true, audio: false });
    } catch (error) {
      return isPermissionError(error) ? null : new ConclaveError(ErrorCode.ScreenShareUnavailable);
    }
    const track = captured.getVideoTracks()[0];
    if (!track) return new ConclaveError(ErrorCode.ScreenShareUnavailable);
    this.screen = track;
    // The browser's own "Stop sharing" ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    this.events.emit('screen', track);
    this.emitTrack('video');
    return null;
  }

  stopScreenShare(): void {
    const track = this.screen;
    if (!track) return;
    this.screen = null;
    track.stop();
    this.events.emit('screen', null);
    this.emitTrack('video');
  }

  stop(): void {
    this.stopScreenShare();
    for (const track of this.stream.getTracks()) track.stop();
  }

  private async acquire(kind: TrackKind): Promise<ConclaveError | null> {
    try {
      this.adopt(await this.getDevice(kind));
      this.emitTrack(kind);
      return null;
    } catch (error) {
      return mediaError(error);
    }
  }

  private getDevice(kind: TrackKind): Promise<MediaStream> {
    return this.deps.devices.getUserMedia({ [kind]: constraintsFor(kind, this.chosen[kind]) });
  }

  private emitTrack(kind: TrackKind): void {
    this.events.emit('track', kind, this.liveTrack(kind));
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
      // Ends on its own only when the device went away: we stop tracks with stop(), which
      // fires no `ended`.
      track.addEventListener('ended', () => {
        if (this.track(kind) !== track) return;
        this.events.emit('device-lost', kind);
        this.emitTrack(kind);
      });
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
