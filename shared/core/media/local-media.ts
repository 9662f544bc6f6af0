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
  /**
   * An ended track of this kind that opened no device. It holds the place of a kind that was
   * not asked for, so calls still get a sender for it (filled by `replaceTrack` once it is on).
   */
  placeholderTrack(kind: TrackKind): MediaStreamTrack;
}

/** Which of camera and microphone to open on starting. */
export type KindsWanted = Record<TrackKind, boolean>;

/** Device ids chosen before joining (undefined: the browser's default). */
export type DeviceChoice = Partial<Record<TrackKind, string>>;

const KINDS: readonly TrackKind[] = ['audio', 'video'];

const CONSTRAINTS: Record<TrackKind, MediaTrackConstraints> = {
  audio: {},
  video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } },
};

function constraintsFor(kind: TrackKind, deviceId: string | undefined): MediaTrackConstraints {
  return deviceId ? { ...CONSTRAINTS[kind], deviceId: { exact: deviceId } } : CONSTRAINTS[kind];
}

/**
 * Camera, microphone and screen. A kind wanted off is never opened: an injected placeholder
 * holds its place in `stream`. Turning a kind off stops its track, so the browser's indicator
 * goes out, and the stopped track stays in its place. Either way calls placed while it is off
 * still get a sender, which `replaceTrack` fills when it is turned on. While the screen is
 * shared, the screen's track is what goes out as video; the camera comes back after.
 */
export class LocalMedia implements LocalMediaSource {
  readonly events = new Emitter<LocalMediaEvents>();
  readonly stream: MediaStream;
  /** Kinds asked for on starting that the browser did not give (refused or missing). */
  private readonly missing = new Set<TrackKind>();
  private readonly placeholders = new Set<MediaStreamTrack>();
  private started = false;
  private readonly chosen: DeviceChoice = {};
  private screen: MediaStreamTrack | null = null;

  constructor(private readonly deps: LocalMediaDeps) {
    this.stream = deps.createStream();
  }

  /**
   * Opens the kinds wanted on, and no other; returns why one wanted is missing, or null. Every
   * kind has its place in `stream` after, whether opened or not.
   */
  async start(wanted: KindsWanted, devices: DeviceChoice = {}): Promise<ConclaveError | null> {
    Object.assign(this.chosen, devices);
    const kinds = KINDS.filter((kind) => wanted[kind]);
    const problem = kinds.length > 0 ? await this.open(kinds) : null;
    for (const kind of KINDS) {
      if (this.track(kind)) continue;
      const placeholder = this.deps.placeholderTrack(kind);
      this.placeholders.add(placeholder);
      this.stream.addTrack(placeholder);
    }
    this.started = true;
    return problem;
  }

  /**
   * Whether the camera or microphone can be turned on: false until started, and for a kind
   * asked for then that the browser did not give. A kind not asked for is available.
   */
  isAvailable(kind: TrackKind): boolean {
    return this.started && !this.missing.has(kind);
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
    return this.deviceTrack(kind)?.getSettings().deviceId ?? this.chosen[kind];
  }

  async setOn(kind: TrackKind, on: boolean): Promise<ConclaveError | null> {
    if (on === this.isOn(kind)) return null;
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

  /** A device in use went away: opens the system's default of that kind in its place. */
  async replaceLost(kind: TrackKind): Promise<ConclaveError | null> {
    this.chosen[kind] = undefined;
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

  /** Asks for these kinds at once, else for each on its own. */
  private async open(kinds: TrackKind[]): Promise<ConclaveError | null> {
    try {
      this.adopt(
        await this.deps.devices.getUserMedia(
          Object.fromEntries(kinds.map((kind) => [kind, constraintsFor(kind, this.chosen[kind])])),
        ),
      );
      return null;
    } catch (error) {
      if (kinds.length === 1 || isPermissionError(error)) {
        for (const kind of kinds) this.missing.add(kind);
        return mediaError(error, kinds);
      }
    }
    // One device may be missing or busy: take whichever works.
    let lastError: unknown = null;
    const failed: TrackKind[] = [];
    for (const kind of kinds) {
      try {
        this.adopt(await this.getDevice(kind));
      } catch (error) {
        this.missing.add(kind);
        failed.push(kind);
        lastError = error;
      }
    }
    return failed.length === 0 ? null : mediaError(lastError, failed);
  }

  private async acquire(kind: TrackKind): Promise<ConclaveError | null> {
    try {
      this.adopt(await this.getDevice(kind));
      this.emitTrack(kind);
      return null;
    } catch (error) {
      return mediaError(error, [kind]);
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

  private deviceTrack(kind: TrackKind): MediaStreamTrack | undefined {
    const track = this.track(kind);
    return track && !this.placeholders.has(track) ? track : undefined;
  }

  private adopt(source: MediaStream): void {
    for (const track of source.getTracks()) {
      const kind = track.kind as TrackKind;
      const old = this.track(kind);
      if (old) {
        old.stop();
        this.stream.removeTrack(old);
        this.placeholders.delete(old);
      }
      this.stream.addTrack(track);
      this.missing.delete(kind);
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

const ONE_KIND_ERRORS = {
  audio: { denied: ErrorCode.MicrophoneDenied, unavailable: ErrorCode.MicrophoneUnavailable },
  video: { denied: ErrorCode.CameraDenied, unavailable: ErrorCode.CameraUnavailable },
} as const;

/** Why these kinds could not be opened, naming the device when it is one. */
function mediaError(cause: unknown, kinds: readonly TrackKind[]): ConclaveError {
  const denied = isPermissionError(cause);
  const [only] = kinds;
  if (kinds.length === 1 && only) {
    const codes = ONE_KIND_ERRORS[only];
    return new ConclaveError(denied ? codes.denied : codes.unavailable, { cause });
  }
  return new ConclaveError(denied ? ErrorCode.MediaDenied : ErrorCode.MediaUnavailable, {
    cause,
  });
}

function isPermissionError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotAllowedError' || name === 'SecurityError';
}
