import type { MediaLink } from '../signaling/transport.ts';
import type { Log } from './link-messages.ts';

/** A call placed again that has not connected by then is given up and placed once more. */
export const REDIAL_TIMEOUT_MS = 10_000;
/** Pauses before each new call to a peer whose link failed: the first at once, then longer. */
export const REDIAL_DELAYS_MS: readonly number[] = [0, 1_000, 2_000, 4_000, 8_000];

export interface MediaRecoveryDeps {
  /** Places a new call to the peer; the mesh verifies it against the roster like any other. */
  redial(peerId: string): void;
  /** Whether we should still be connected to this peer (they are on the roster). */
  wanted(peerId: string): boolean;
  changed(): void;
  log: Log;
}

interface Watched {
  link: MediaLink;
  /** We placed this call, so we place the next one if it fails; the other side waits for it. */
  dialer: boolean;
  up: boolean;
  closed: boolean;
  reconnecting: boolean;
  attempts: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Keeps the media link to each person in the meeting through network trouble. An interrupted
 * link (ICE lost consent: the network went away) comes back by itself when the network does;
 * meanwhile that person shows as reconnecting. A link that failed for good is replaced by a new
 * call from the side that placed it, on a fresh connection under the same session certificate,
 * so it is checked against the roster's fingerprint again before anything is sent or shown.
 */
export class MediaRecovery {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly deps: MediaRecoveryDeps) {}

  /** The peer's current media link: it replaces any earlier one. */
  watch(link: MediaLink, dialer: boolean): void {
    const peerId = link.remotePeerId;
    const before = this.watched.get(peerId);
    if (before?.timer) clearTimeout(before.timer);
    const entry: Watched = {
      link,
      dialer,
      up: false,
      closed: false,
      reconnecting: before?.reconnecting ?? false,
      attempts: before?.attempts ?? 0,
      timer: null,
    };
    this.watched.set(peerId, entry);
    const current = () => this.watched.get(peerId) === entry;
    if (entry.reconnecting && dialer) {
      entry.timer = setTimeout(() => {
        this.deps.log(`the new call to ${peerId} did not connect: placing another`);
        link.close();
      }, REDIAL_TIMEOUT_MS);
    }
    link.events.on('connected', () => {
      if (!current()) return;
      this.clearTimer(entry);
      entry.up = true;
      entry.attempts = 0;
      this.setReconnecting(entry, false);
    });
    link.events.on('interrupted', () => {
      if (!current()) return;
      entry.up = false;
      this.setReconnecting(entry, true);
    });
    link.events.on('failed', () => {
      if (!current()) return;
      entry.up = false;
      this.setReconnecting(entry, true);
    });
    link.events.on('close', () => {
      entry.closed = true;
      if (!current() || !entry.reconnecting) return;
      entry.up = false;
      if (!this.deps.wanted(peerId)) return this.forget(peerId);
      if (entry.dialer) this.scheduleRedial(peerId, entry);
    });
  }

  isReconnecting(peerId: string): boolean {
    return !!this.watched.get(peerId)?.reconnecting;
  }

  /**
   * The signaling server reaches us again: a call placed while it was away never got there, and
   * one waiting out its pause need not wait any longer.
   */
  handleServerBack(): void {
    for (const [peerId, entry] of this.watched) {
      if (!entry.reconnecting || !entry.dialer || entry.up) continue;
      this.clearTimer(entry);
      entry.attempts = 0;
      if (entry.closed) this.redial(peerId, entry);
      else entry.link.close();
    }
  }

  forget(peerId: string): void {
    const entry = this.watched.get(peerId);
    if (entry) this.clearTimer(entry);
    this.watched.delete(peerId);
  }

  close(): void {
    for (const peerId of [...this.watched.keys()]) this.forget(peerId);
  }

  private scheduleRedial(peerId: string, entry: Watched): void {
    this.clearTimer(entry);
    const delay = REDIAL_DELAYS_MS[Math.min(entry.attempts, REDIAL_DELAYS_MS.length - 1)]!;
    entry.attempts += 1;
    entry.timer = setTimeout(() => this.redial(peerId, entry), delay);
  }

  private redial(peerId: string, entry: Watched): void {
    entry.timer = null;
    if (this.watched.get(peerId) !== entry || !this.deps.wanted(peerId)) return;
    this.deps.log(`placing a new call to ${peerId} (attempt ${entry.attempts})`);
    this.deps.redial(peerId);
  }

  private setReconnecting(entry: Watched, reconnecting: boolean): void {
    if (entry.reconnecting === reconnecting) return;
    entry.reconnecting = reconnecting;
    this.deps.changed();
  }

  private clearTimer(entry: Watched): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }
}
