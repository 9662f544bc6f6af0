import type { LobbyListEntry } from '../../../core/protocol/schemas.ts';

/** How one knock is named on screen: the name, and the personal link's label if any. */
function knocker({ name, keyLabel }: LobbyListEntry): string {
  return keyLabel ? `${name} (${keyLabel})` : name;
}

/** What the screen reader hears at each knock. */
export function knockAnnouncement(entry: LobbyListEntry): string {
  return `${knocker(entry)} is waiting to join`;
}

/** The in-meeting notice's line: who waits, or how many. */
export function waitingNoticeText(waiting: readonly LobbyListEntry[]): string {
  const [first] = waiting;
  if (waiting.length === 1 && first) return knockAnnouncement(first);
  return `${waiting.length} people are waiting to join`;
}

/** The People button's name: it says when people wait, so it is heard without looking. */
export function peopleButtonLabel(waitingCount: number): string {
  return waitingCount > 0 ? `People, ${waitingCount} waiting` : 'People';
}
