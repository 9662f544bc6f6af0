import type { Log } from './link-messages.ts';

/** A link placed again that has not connected by then is given up and placed once more. */
export const REDIAL_TIMEOUT_MS = 10_000;
/** Pauses before each new link to a peer whose link failed: the first at once, then longer. */
export const REDIAL_DELAYS_MS: readonly number[] = [0, 1_000, 2_000, 4_000, 8_000];

export interface LinkRecoveryDeps {
  /** What is recovered, for the log: "call", "data link". */
  what: string;
  /** Places a new link to the peer; the mesh verifies it against the roster like any other. */
  redial(peerId: string): void;
  /** Whether we should still be connected to this peer (they are on the roster). */
  wanted(peerId: string): boolean;
  changed(): void;
  /**
   * How long a failed link may take to come back before `gaveUp` is told (both sides: the one
   * waiting for the new link too). Without it, the link is recovered for as long as `wanted`.
   */
  giveUpAfterMs?: number;
  /** Whether to give up on this peer's link at all (by default, yes). */
  givesUp?(peerId: string): boolean;
  gaveUp?(peerId: string): void;
  log: Log;
}

/** What the link watched tells the recovery, as it happens. */
export interface LinkWatch {
  /** Up (again). */
  connected(): void;
  /** Its network went quiet: it may come back by itself. */
  interrupted(): void;
  /** It cannot come back (a close follows). */
  failed(): void;
  closed(): void;
}

interface Watched {
  close(): void;
  /** We place the next link if this one fails (the other side waits for it): see `watch`. */
  dialer: boolean;
  up: boolean;
  closed: boolean;
  reconnecting: boolean;
  attempts: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Runs from the first failure until a link is up again, across the links placed meanwhile. */
  giveUpTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * Keeps one kind of link to each person in the meeting through network trouble. An interrupted
 * link (ICE lost consent: the network went away) comes back by itself when the network does;
 * meanwhile that person shows as reconnecting. A link that failed for good is replaced by a new
 * one from the dialing side (see `watch`), on a fresh connection under the same session
 * certificate, so it is checked against the roster's fingerprint again before anything is sent
 * or shown.
 */
export class LinkRecovery {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly deps: LinkRecoveryDeps) {}

  /**
   * The peer's current link (closed by `close`): it replaces any earlier one. `dialer`: we place
   * the next link if this one fails, as the side that placed this one does (but a guest's data
   * link to the host is placed again by the host: the guest's would be a new knock).
   */
  watch(peerId: string, dialer: boolean, close: () => void): LinkWatch {
    const before = this.watched.get(peerId);
    if (before?.timer) clearTimeout(before.timer);
    const entry: Watched = {
      close,
      dialer,
      up: false,
      closed: false,
      reconnecting: before?.reconnecting ?? false,
      attempts: before?.attempts ?? 0,
      timer: null,
      giveUpTimer: before?.giveUpTimer ?? null,
    };
    this.watched.set(peerId, entry);
    const current = () => this.watched.get(peerId) === entry;
    if (entry.reconnecting && dialer) {
      entry.timer = setTimeout(() => {
        this.deps.log(`the new ${this.deps.what} to ${peerId} did not connect: placing another`);
        close();
      }, REDIAL_TIMEOUT_MS);
    }
    return {
      connected: () => {
        if (!current()) return;
        this.clearTimer(entry);
        this.clearGiveUp(entry);
        entry.up = true;
        entry.attempts = 0;
        this.setReconnecting(entry, false);
      },
      interrupted: () => {
        if (!current()) return;
        entry.up = false;
        this.setReconnecting(entry, true);
      },
      failed: () => {
        if (!current()) return;
        entry.up = false;
        this.startGiveUp(peerId, entry);
        this.setReconnecting(entry, true);
      },
      closed: () => {
        entry.closed = true;
        if (!current() || !entry.reconnecting) return;
        entry.up = false;
        if (!this.deps.wanted(peerId)) return this.forget(peerId);
        if (entry.dialer) this.scheduleRedial(peerId, entry);
      },
    };
  }

  isReconnecting(peerId: string): boolean {
    return !!this.watched.get(peerId)?.reconnecting;
  }

  /**
   * The signaling server reaches us again: a link placed while it was away never got there, and
   * one waiting out its pause need not wait any longer.
   */
  handleServerBack(): void {
    for (const [peerId, entry] of this.watched) {
      if (!entry.reconnecting || !entry.dialer || entry.up) continue;
      this.clearTimer(entry);
      entry.attempts = 0;
      if (entry.closed) this.redial(peerId, entry);
      else entry.close();
    }
  }

  forget(peerId: string): void {
    const entry = this.watched.get(peerId);
    if (entry) {
      this.clearTimer(entry);
      this.clearGiveUp(entry);
    }
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
    this.deps.log(`placing a new ${this.deps.what} to ${peerId} (attempt ${entry.attempts})`);
    this.deps.redial(peerId);
  }

  private startGiveUp(peerId: string, entry: Watched): void {
    const { giveUpAfterMs, gaveUp, givesUp } = this.deps;
    if (giveUpAfterMs === undefined || !gaveUp || entry.giveUpTimer) return;
    if (givesUp && !givesUp(peerId)) return;
    const timer = setTimeout(() => {
      if (this.watched.get(peerId)?.giveUpTimer !== timer) return;
      this.deps.log(`the ${this.deps.what} to ${peerId} did not come back: given up`);
      this.forget(peerId);
      gaveUp(peerId);
    }, giveUpAfterMs);
    entry.giveUpTimer = timer;
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

  private clearGiveUp(entry: Watched): void {
    if (entry.giveUpTimer) clearTimeout(entry.giveUpTimer);
    entry.giveUpTimer = null;
  }
}
