import type { Participant } from '../../core/meeting/participant.ts';
import { reactionName } from '../../core/protocol/reactions.ts';

/** What to announce about hands going up and new reactions, never about oneself. */
export function gestureChanges(before: Participant[], after: Participant[]): string[] {
  const was = new Map(before.map((p) => [p.peerId, p]));
  const changes: string[] = [];
  for (const p of after) {
    const old = was.get(p.peerId);
    if (p.isSelf || !old) continue;
    if (p.handRaisedAt !== null && old.handRaisedAt === null)
      changes.push(`${p.name} raised a hand`);
    if (p.reaction && p.reaction.id !== old.reaction?.id) {
      changes.push(`${p.name} reacted ${reactionName(p.reaction.emoji)}`);
    }
  }
  return changes;
}

/** Everyone with a raised hand, the first one up first. */
export function raisedHands(participants: Participant[]): Participant[] {
  return participants
    .filter((p) => p.handRaisedAt !== null)
    .sort((a, b) => a.handRaisedAt! - b.handRaisedAt!);
}
