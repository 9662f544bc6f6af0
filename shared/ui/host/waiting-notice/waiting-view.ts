import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { WaitingRoom } from '../../../core/meeting/waiting-room/waiting-room.ts';
import type { LobbyListEntry } from '../../../core/protocol/schemas.ts';
import { knockAnnouncement } from './waiting-text.ts';

/**
 * Who waits in the lobby, for someone who may let them in (the host, a co-host); empty for
 * everyone else. Each new knock is announced once, while we may decide.
 */
export function watchWaiting(
  room: WaitingRoom,
  mayDecide: ReadonlySignal<boolean>,
  announce: (text: string) => void,
): ReadonlySignal<readonly LobbyListEntry[]> {
  const waiting = signal(room.waiting);
  room.events.on('changed', () => (waiting.value = room.waiting));
  room.events.on('knock', (entry) => {
    if (mayDecide.value) announce(knockAnnouncement(entry));
  });
  return computed(() => (mayDecide.value ? waiting.value : []));
}
