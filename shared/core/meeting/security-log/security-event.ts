/** What the host's security log records; each kind is one thing that happened. */
export type SecurityEventKind =
  /** Someone came into the meeting; `detail` says how (waiting room, password, link, returning). */
  | 'joined'
  /** The host or a co-host admitted a knock from the waiting room. */
  | 'admitted'
  /** The host or a co-host denied a knock in the waiting room. */
  | 'denied'
  /** A knock turned away by the rules (locked, lobby full, too many attempts, removed before). */
  | 'refused'
  /** A wrong password, a refused personal link, or a handshake that proved nothing. */
  | 'proof-failed'
  | 'lobby-timeout'
  | 'link-revoked'
  | 'removed'
  | 'role-changed'
  | 'locked'
  | 'unlocked'
  /** Guessing (a back-off started) or a knock flood (the meeting locked itself). */
  | 'alert'
  /** A connection closed because its DTLS fingerprint was not the roster's. */
  | 'fingerprint-mismatch'
  /** A command ignored: forged, replayed, or from someone not allowed to give it. */
  | 'command-ignored'
  /** Further events from someone over the log's rate, counted on one line. */
  | 'held-back';

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** The person it is about, where known. */
  peerId?: string;
  name?: string;
  detail: string;
}

/** Where the host's parts report what the security log keeps. */
export type SecurityReport = (event: SecurityEvent) => void;
