import type { ReactionEmoji } from '../../protocol/reactions.ts';

/** How long a reaction stays on the sender's tile. */
export const REACTION_SHOWN_MS = 4_000;
/** One person's reactions are shown at most this often; any in between are dropped. */
export const REACTION_INTERVAL_MS = 500;

export interface ShownReaction {
  emoji: ReactionEmoji;
  /** Tells two equal reactions in a row apart. */
  id: number;
}

let nextReactionId = 1;

/** One person's raised hand and current reaction; its size never grows, whatever they send. */
export class Gestures {
  private _handRaisedAt: number | null = null;
  private _reaction: ShownReaction | null = null;
  private reactedAt = -Infinity;
  private reactionTimer: ReturnType<typeof setTimeout> | null = null;

  /** `reactionGone`: a reaction's time on screen is over. */
  constructor(private readonly reactionGone: () => void) {}

  /** When the hand went up, on this device's clock; null while it is down. */
  get handRaisedAt(): number | null {
    return this._handRaisedAt;
  }

  get reaction(): ShownReaction | null {
    return this._reaction;
  }

  /** Whether the hand changed. */
  setHand(raised: boolean, raisedMsAgo = 0): boolean {
    if (raised === (this._handRaisedAt !== null)) return false;
    this._handRaisedAt = raised ? Date.now() - raisedMsAgo : null;
    return true;
  }

  /** Whether it is shown: not when it comes within REACTION_INTERVAL_MS of the last one. */
  react(emoji: ReactionEmoji): boolean {
    const now = Date.now();
    if (now - this.reactedAt < REACTION_INTERVAL_MS) return false;
    this.reactedAt = now;
    this._reaction = { emoji, id: nextReactionId++ };
    this.clear();
    this.reactionTimer = setTimeout(() => {
      this.reactionTimer = null;
      this._reaction = null;
      this.reactionGone();
    }, REACTION_SHOWN_MS);
    return true;
  }

  /** Stops the reaction's timer: the person is gone, or a new reaction replaces it. */
  clear(): void {
    if (this.reactionTimer) clearTimeout(this.reactionTimer);
    this.reactionTimer = null;
  }
}
