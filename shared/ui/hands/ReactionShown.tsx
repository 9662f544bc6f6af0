import type { Participant } from '../../core/meeting/participant.ts';
import { reactionName } from '../../core/protocol/reactions.ts';
import './hands.css';

/** A person's reaction floating on their tile for the few seconds it lasts. */
export function ReactionShown({ participant }: { participant: Participant }) {
  const reaction = participant.reaction;
  if (!reaction) return null;
  return (
    <span
      key={reaction.id}
      class="tile-reaction"
      role="img"
      aria-label={reactionName(reaction.emoji)}
    >
      {reaction.emoji}
    </span>
  );
}
