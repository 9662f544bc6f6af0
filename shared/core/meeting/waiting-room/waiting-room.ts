import type { Emitter } from '../../emitter.ts';
import type { LobbyListEntry } from '../../protocol/schemas.ts';
import type { LobbyEntry } from '../host/lobby-queue.ts';

export interface WaitingRoomEvents {
  /** The list changed: redraw. */
  changed: [];
  /** A new knock waits: tell the person even if looking elsewhere. */
  knock: [LobbyListEntry];
}

/**
 * The lobby as the host and its co-hosts see it: each knock by an opaque entry id, its name,
 * its key's label and whether a proof passed, never who knocked.
 */
export interface WaitingRoom {
  readonly events: Emitter<WaitingRoomEvents>;
  readonly waiting: readonly LobbyListEntry[];
  admit(entryId: string): void;
  deny(entryId: string): void;
  admitAll(): void;
  denyAll(): void;
}

/** What of a knock may leave the host: the entry id stands for the peer id. */
export function listEntry({ id, name, keyLabel, reason }: LobbyEntry): LobbyListEntry {
  return { id, name, keyLabel, reason };
}
