import { Emitter } from '../../emitter.ts';
import type { SecurityEvent, SecurityEventKind } from './security-event.ts';

/** Entries kept; older ones are dropped first (and counted). */
export const MAX_SECURITY_LOG_ENTRIES = 1_000;
/** Entries one person's failures may add in a minute; more are counted in one line. */
export const MAX_ENTRIES_PER_PEER_PER_MINUTE = 20;
/** Entries everyone's failures together may add in a minute (people rotating ids included). */
export const MAX_PEER_ENTRIES_PER_MINUTE = 120;
const MINUTE_MS = 60_000;
/**
 * What someone outside the host's control can cause over and over: only these are rate-bound.
 * Admissions, removals, role changes and joins are the host's (or come once per admission), and
 * are always listed, so a flood cannot hide who got in.
 */
const PEER_CAUSED: ReadonlySet<SecurityEventKind> = new Set([
  'refused',
  'proof-failed',
  'command-ignored',
  'fingerprint-mismatch',
  'lobby-timeout',
]);
/** Enough of a peer id to tell people apart in the log without spelling out the whole id. */
const PEER_PREFIX_LENGTH = 8;

export interface SecurityLogEntry {
  /** ISO 8601. */
  time: string;
  kind: SecurityEventKind;
  name: string | null;
  /** The first characters of the person's peer id. */
  peer: string | null;
  detail: string;
}

export interface SecurityLogExport {
  meetingId: string;
  exportedAt: string;
  /** Entries dropped to keep the newest MAX_SECURITY_LOG_ENTRIES. */
  dropped: number;
  entries: SecurityLogEntry[];
}

/** How many entries a source added in the current minute, and its "not listed" line. */
interface Budget {
  since: number;
  used: number;
  heldBack: SecurityLogEntry | null;
  heldBackCount: number;
}

export interface SecurityLogEvents {
  changed: [];
}

/**
 * The host's record of who got in, who did not and why, for this session of the page only:
 * kept in memory, bounded, never stored or sent; the host may export it. Someone flooding it
 * (forged commands, knocks under fresh ids) fills one counted line, not the log: what happened
 * before stays.
 */
export class SecurityLog {
  readonly events = new Emitter<SecurityLogEvents>();
  private readonly kept: SecurityLogEntry[] = [];
  private _dropped = 0;
  private readonly perPeer = new Map<string, Budget>();
  private readonly allPeers: Budget = newBudget(0);
  private lastSweep = 0;

  constructor(
    private readonly meetingId: string,
    private readonly now: () => number = Date.now,
    private readonly limit = MAX_SECURITY_LOG_ENTRIES,
  ) {}

  /** Oldest first. */
  get entries(): readonly SecurityLogEntry[] {
    return this.kept;
  }

  get dropped(): number {
    return this._dropped;
  }

  readonly record = ({ kind, peerId, name, detail }: SecurityEvent): void => {
    const now = this.now();
    const entry: SecurityLogEntry = {
      time: new Date(now).toISOString(),
      kind,
      name: name ?? null,
      peer: peerId ? peerId.slice(0, PEER_PREFIX_LENGTH) : null,
      detail,
    };
    if (peerId && PEER_CAUSED.has(kind) && !this.withinBudgets(peerId, entry, now)) return;
    this.keep(entry);
  };

  /** Spends one entry of everyone's budget and the peer's, or counts it as held back. */
  private withinBudgets(peerId: string, entry: SecurityLogEntry, now: number): boolean {
    const all = renewed(this.allPeers, now);
    // Everyone's budget first: under fresh ids, no per-person record is made once it is spent.
    if (all.used >= MAX_PEER_ENTRIES_PER_MINUTE) {
      this.holdBack(all, { ...entry, name: null, peer: null }, 'from people');
      return false;
    }
    const own = this.budgetOf(peerId, now);
    if (own.used >= MAX_ENTRIES_PER_PEER_PER_MINUTE) {
      this.holdBack(own, entry, 'from this person');
      return false;
    }
    own.used += 1;
    all.used += 1;
    return true;
  }

  /** Counts the entry on the budget's one "not listed" line, written at its first. */
  private holdBack(budget: Budget, entry: SecurityLogEntry, from: string): void {
    budget.heldBackCount += 1;
    const detail = `${budget.heldBackCount} more ${from} in this minute, not listed one by one`;
    if (budget.heldBack && this.kept.includes(budget.heldBack)) {
      budget.heldBack.detail = detail;
      this.events.emit('changed');
      return;
    }
    budget.heldBack = { ...entry, kind: 'held-back', detail };
    this.keep(budget.heldBack);
  }

  /** The peer's budget; those of peers quiet for a minute are forgotten, at most once a minute. */
  private budgetOf(peerId: string, now: number): Budget {
    if (now - this.lastSweep >= MINUTE_MS) {
      this.lastSweep = now;
      for (const [id, budget] of this.perPeer) {
        if (now - budget.since >= MINUTE_MS) this.perPeer.delete(id);
      }
    }
    const budget = renewed(this.perPeer.get(peerId) ?? newBudget(now), now);
    this.perPeer.set(peerId, budget);
    return budget;
  }

  private keep(entry: SecurityLogEntry): void {
    this.kept.push(entry);
    if (this.kept.length > this.limit) {
      this.kept.splice(0, this.kept.length - this.limit);
      this._dropped += 1;
    }
    this.events.emit('changed');
  }

  export(): SecurityLogExport {
    return {
      meetingId: this.meetingId,
      exportedAt: new Date(this.now()).toISOString(),
      dropped: this._dropped,
      entries: this.kept.map((entry) => ({ ...entry })),
    };
  }
}

function newBudget(now: number): Budget {
  return { since: now, used: 0, heldBack: null, heldBackCount: 0 };
}

/** The budget itself, started afresh when its minute is over. */
function renewed(budget: Budget, now: number): Budget {
  if (now - budget.since >= MINUTE_MS) Object.assign(budget, newBudget(now));
  return budget;
}
