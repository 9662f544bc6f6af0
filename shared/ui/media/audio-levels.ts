import { signal, type ReadonlySignal } from '@preact/signals';

const SAMPLE_MS = 100;
/**
 * Samples each analyser holds: at 48 kHz, 170 ms, more than the time between two reads, so no
 * sound falls between them (a short one, like a fake microphone's beep, would otherwise be heard
 * only when its phase met the sampling's).
 */
const WINDOW_SAMPLES = 8192;
/** Loudness is the RMS of the loudest slice of the window (about 21 ms at 48 kHz). */
const SLICE_SAMPLES = 1024;
/** RMS of the waveform above which someone counts as speaking. */
const SPEAKING_LEVEL = 0.02;
/** Speaking lingers this long after the last loud sample, so the ring does not flicker. */
const HOLD_MS = 600;

interface Watched {
  stream: MediaStream;
  track: MediaStreamTrack;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  lastLoud: number;
}

/**
 * Audio levels of several streams (each remote participant's and our own) through Web Audio
 * analysers, sampled ten times a second. Nothing is played: the analysers are not connected to
 * the speakers.
 */
export class AudioLevels {
  private readonly _levels = signal<ReadonlyMap<string, number>>(new Map());
  private readonly _speaking = signal<ReadonlySet<string>>(new Set());
  private readonly watched = new Map<string, Watched>();
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly buffer = new Float32Array(WINDOW_SAMPLES);
  /** Someone else heard most recently, kept after they fall silent (speaker view). */
  readonly lastSpeaker = signal<string | null>(null);
  /** Our own stream's id: its level shows on our tile, but never makes us "the speaker". */
  private ownId: string | null = null;

  get levels(): ReadonlySignal<ReadonlyMap<string, number>> {
    return this._levels;
  }

  get speaking(): ReadonlySignal<ReadonlySet<string>> {
    return this._speaking;
  }

  /** Watches these streams by id (`ownId`: our own); ids not listed stop being watched. */
  watch(streams: ReadonlyMap<string, MediaStream | null>, ownId: string | null = null): void {
    this.ownId = ownId;
    for (const [id, entry] of this.watched) {
      const stream = streams.get(id);
      const track = stream?.getAudioTracks()[0];
      if (stream !== entry.stream || track !== entry.track || track.readyState !== 'live') {
        this.unwatch(id);
      }
    }
    for (const [id, stream] of streams) {
      const track = stream?.getAudioTracks().find((t) => t.readyState === 'live');
      if (!stream || !track || this.watched.has(id)) continue;
      const context = (this.context ??= new AudioContext());
      // Only the one track: a MediaStream source follows whatever the stream holds.
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = WINDOW_SAMPLES;
      source.connect(analyser);
      this.watched.set(id, { stream, track, source, analyser, lastLoud: 0 });
    }
    if (this.watched.size > 0 && !this.timer) {
      void this.context?.resume();
      this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    }
    if (this.watched.size === 0) this.stopTimer();
  }

  close(): void {
    for (const id of [...this.watched.keys()]) this.unwatch(id);
    this.stopTimer();
    void this.context?.close();
    this.context = null;
  }

  private sample(): void {
    const now = Date.now();
    const levels = new Map<string, number>();
    const speaking = new Set<string>();
    for (const [id, entry] of this.watched) {
      entry.analyser.getFloatTimeDomainData(this.buffer);
      const level = loudestSlice(this.buffer);
      levels.set(id, level);
      if (level > SPEAKING_LEVEL) entry.lastLoud = now;
      if (now - entry.lastLoud < HOLD_MS) speaking.add(id);
    }
    this._levels.value = levels;
    if (!sameSet(speaking, this._speaking.value)) this._speaking.value = speaking;
    const speaker = loudestOther(levels, this.ownId);
    if (speaker) this.lastSpeaker.value = speaker;
  }

  private unwatch(id: string): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    entry.source.disconnect();
    this.watched.delete(id);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Who speaks loudest now, leaving out `ownId`; null when nobody else is above speaking level. */
export function loudestOther(
  levels: ReadonlyMap<string, number>,
  ownId: string | null,
): string | null {
  let loudest: string | null = null;
  let top = SPEAKING_LEVEL;
  for (const [id, level] of levels) {
    if (id !== ownId && level > top) [loudest, top] = [id, level];
  }
  return loudest;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** The RMS of the loudest slice of a window of samples. */
export function loudestSlice(samples: Float32Array): number {
  let loudest = 0;
  for (let start = 0; start < samples.length; start += SLICE_SAMPLES) {
    let sum = 0;
    const end = Math.min(start + SLICE_SAMPLES, samples.length);
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
    loudest = Math.max(loudest, Math.sqrt(sum / (end - start)));
  }
  return loudest;
}
