import { Emitter } from '../../emitter.ts';
import type { LobbyListEntry } from '../../protocol/schemas.ts';
import type { AdmissionDesk } from '../host/admission-desk.ts';
import type { LobbyEntry } from '../host/lobby-queue.ts';
import type { SecurityReport } from '../security-log/security-event.ts';
import { listEntry, type WaitingRoom, type WaitingRoomEvents } from './waiting-room.ts';

/** The host's own view of its desk's lobby; a co-host's decision comes through here too. */
export class HostWaitingRoom implements WaitingRoom {
  readonly events = new Emitter<WaitingRoomEvents>();

  constructor(
    private readonly desk: AdmissionDesk,
    private readonly report: SecurityReport = () => undefined,
  ) {
    desk.events.on('changed', () => this.events.emit('changed'));
    desk.events.on('knock', (entry) => this.events.emit('knock', listEntry(entry)));
  }

  get waiting(): LobbyListEntry[] {
    return this.desk.waiting.map(listEntry);
  }

  /**
   * Admits or denies the knock under `entryId` (`by` says who decided, for the security log);
   * null when no such knock waits any more.
   */
  decide(entryId: string, admit: boolean, by = 'the host'): LobbyEntry | null {
    const entry = this.desk.findWaiting(entryId);
    if (!entry) return null;
    if (admit) this.desk.admit(entry.peerId);
    else this.desk.deny(entry.peerId);
    const { peerId, name } = entry;
    this.report({ kind: admit ? 'admitted' : 'denied', peerId, name, detail: `by ${by}` });
    return entry;
  }

  admit(entryId: string): void {
    this.decide(entryId, true);
  }

  deny(entryId: string): void {
    this.decide(entryId, false);
  }

  admitAll(): void {
    for (const entry of this.desk.waiting) this.decide(entry.id, true);
  }

  denyAll(): void {
    for (const entry of this.desk.waiting) this.decide(entry.id, false);
  }
}
