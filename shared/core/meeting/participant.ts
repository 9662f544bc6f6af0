import type { Role } from '../protocol/schemas.ts';
import type { ShownReaction } from './hands/gestures.ts';

/** One roster member as the UI shows it. */
export interface Participant {
  peerId: string;
  name: string;
  role: Role;
  isSelf: boolean;
  /** Their media, only once the connection's DTLS fingerprint matched the signed roster. */
  stream: MediaStream | null;
  audioOn: boolean;
  videoOn: boolean;
  /** Their video is a shared screen, not a camera. */
  screenSharing: boolean;
  /** `reconnecting`: we were connected and the network between us went away (for now). */
  connection: 'connecting' | 'connected' | 'reconnecting';
  /** When their hand went up (this device's clock, for the order of hands); null: down. */
  handRaisedAt: number | null;
  /** What they reacted with just now, shown for a few seconds. */
  reaction: ShownReaction | null;
}
