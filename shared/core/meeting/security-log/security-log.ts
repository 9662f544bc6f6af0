import { Emitter } from '../../emitter.ts';
import type { SecurityEvent, SecurityEventKind } from './security-event.ts';

/** Entries kept; older ones are dropped first (and counted). */
export const MAX_SECURITY_LOG_ENTRIES = 1_000;
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

export interface SecurityLogEvents {
  changed: [];
}

/**
 * The host's record of who got in, who did not and why, for this session of the page only:
 * kept in memory, bounded, never stored or sent; the host may export it.
 */
export class SecurityLog {
  readonly events = new Emitter<SecurityLogEvents>();
  private readonly kept: SecurityLogEntry[] = [];
  private _dropped = 0;

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
    this.kept.push({
      time: new Date(this.now()).toISOString(),
      kind,
      name: name ?? null,
      peer: peerId ? peerId.slice(0, PEER_PREFIX_LENGTH) : null,
      detail,
    });
    if (this.kept.length > this.limit) {
      this.kept.splice(0, this.kept.length - this.limit);
      this._dropped += 1;
    }
    this.events.emit('changed');
  };

  export(): SecurityLogExport {
    return {
      meetingId: this.meetingId,
      exportedAt: new Date(this.now()).toISOString(),
      dropped: this._dropped,
      entries: [...this.kept],
    };
  }
}
