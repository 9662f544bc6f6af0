import { Emitter } from '../../emitter.ts';
import type { LobbyListEntry } from '../../protocol/schemas.ts';
import type { LobbyAction } from '../commands/meeting-commands.ts';
import type { Log } from '../link-messages.ts';
import type { WaitingRoom, WaitingRoomEvents } from './waiting-room.ts';

export interface CoHostLobbyDeps {
  /** Signs the decision as our command and sends it to the host; rejects when we may not. */
  decide(action: LobbyAction): Promise<void>;
  log: Log;
}

/**
 * A guest's copy of the host's lobby, as the host shares it with co-hosts: admitting or denying
 * asks the host, on a signed command; the host's next list shows the outcome.
 */
export class CoHostLobby implements WaitingRoom {
  readonly events = new Emitter<WaitingRoomEvents>();
  private entries: readonly LobbyListEntry[] = [];

  constructor(private readonly deps: CoHostLobbyDeps) {}

  get waiting(): readonly LobbyListEntry[] {
    return this.entries;
  }

  /** The host's newest list (the caller checked that it came from the host). */
  handleList(entries: readonly LobbyListEntry[]): void {
    const known = new Set(this.entries.map((e) => e.id));
    this.entries = entries;
    this.events.emit('changed');
    for (const entry of entries) if (!known.has(entry.id)) this.events.emit('knock', entry);
  }

  admit(entryId: string): void {
    this.ask({ kind: 'admit', entry: entryId });
  }

  deny(entryId: string): void {
    this.ask({ kind: 'deny', entry: entryId });
  }

  admitAll(): void {
    for (const entry of this.entries) this.admit(entry.id);
  }

  denyAll(): void {
    for (const entry of this.entries) this.deny(entry.id);
  }

  private ask(action: LobbyAction): void {
    if (!this.entries.some((e) => e.id === action.entry)) return;
    this.deps.decide(action).catch((error: unknown) => {
      this.deps.log(`could not ask the host to ${action.kind}: ${String(error)}`);
    });
  }
}
