import type { ConclaveError } from '../errors.ts';
import type { SignedRoster, WireMessage } from '../protocol/schemas.ts';
import type { SignalingTransport } from '../signaling/transport.ts';
import type { Invite } from './invite.ts';
import type { Log } from './link-messages.ts';
import type { MeetingPhase } from './meeting.ts';
import type { PeerMesh } from './mesh.ts';

/** What the meeting lends the host's or the guest's side once registered and meshed. */
export interface RoomContext {
  readonly invite: Invite;
  readonly hostPeerId: string;
  readonly selfPeerId: string;
  readonly displayName: string;
  readonly transport: SignalingTransport;
  readonly mesh: PeerMesh;
  readonly log: Log;
  /** Pause between attempts while the host cannot be reached. */
  readonly retryDelayMs: number;
  /** The host ended this meeting before, as this browser saw: an absent host means it ended. */
  readonly endedBefore: boolean;
  applyRoster(roster: SignedRoster): void;
  /** The meeting's title as the host named it (a guest learns it at admission). */
  setTitle(title: string | null): void;
  setPhase(phase: Exclude<MeetingPhase, 'ended'>): void;
  end(error: ConclaveError | null): void;
  isEnded(): boolean;
}

/** Whether a peer said goodbye (`leave`) or their connection closed without a word. */
export type PeerGone = 'left' | 'lost';

/** One side of a meeting: the host's (admits, signs the roster) or a guest's (gets admitted). */
export interface Room {
  /** Resolves once in the meeting, or once the meeting has ended on the way there. */
  start(): Promise<void>;
  /** Handles a message only this side understands; false when it is not one. */
  handleMessage(peerId: string, message: WireMessage): boolean;
  handlePeerGone(peerId: string, how: PeerGone): void;
  /** The host key: the host's own, or the one a guest proved at admission (null before). */
  hostPublicKey(): CryptoKey | null;
  /** What this side tells everyone on leaving. */
  readonly farewell: 'end' | 'leave';
}
