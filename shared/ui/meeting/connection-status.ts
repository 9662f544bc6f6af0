import type { Participant } from '../../core/meeting/participant.ts';

export const PEERS_AWAY_TEXT =
  'Reconnecting… The connection to everyone here was interrupted. You stay in the meeting; picture and sound come back with the network.';

/** Everyone else is unreachable at once: most likely our own network, not theirs. */
export function everyoneReconnecting(participants: readonly Participant[]): boolean {
  const others = participants.filter((p) => !p.isSelf);
  return others.length > 0 && others.every((p) => p.connection === 'reconnecting');
}
