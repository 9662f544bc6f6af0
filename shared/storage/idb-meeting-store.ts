import type { DBSchema, IDBPDatabase } from 'idb';
import {
  ChangingMeetingStore,
  migrateStoredMeeting,
  type StoredMeeting,
} from '../core/meeting/host/meeting-store.ts';

const DB_NAME = 'conclave-meetings';
/** Raise with a new step in `upgrade` when the stores or indexes change. */
const DB_VERSION = 1;

interface MeetingsDb extends DBSchema {
  // Records are read through migrateStoredMeeting: an older record may lack newer fields.
  meetings: { key: string; value: StoredMeeting };
}

/**
 * The host's meetings in IndexedDB. The host key's private half is stored as the CryptoKey
 * itself (structured clone), so it stays non-extractable: it can sign here, never be read out.
 */
export class IdbMeetingStore extends ChangingMeetingStore {
  private db: Promise<IDBPDatabase<MeetingsDb>> | null = null;

  async list(): Promise<StoredMeeting[]> {
    const all = await (await this.open()).getAll('meetings');
    return all
      .map(migrateStoredMeeting)
      .filter((m): m is StoredMeeting => m !== null)
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  }

  async get(meetingId: string): Promise<StoredMeeting | null> {
    return migrateStoredMeeting(await (await this.open()).get('meetings', meetingId));
  }

  async add(meeting: StoredMeeting): Promise<void> {
    await (await this.open()).put('meetings', meeting);
  }

  async delete(meetingId: string): Promise<void> {
    await (await this.open()).delete('meetings', meetingId);
  }

  /** Read, change and write in one transaction, so concurrent changes never lose each other. */
  protected async update(
    meetingId: string,
    change: (m: StoredMeeting) => StoredMeeting,
  ): Promise<void> {
    const tx = (await this.open()).transaction('meetings', 'readwrite');
    const found = migrateStoredMeeting(await tx.store.get(meetingId));
    if (found) await tx.store.put(change(found));
    await tx.done;
  }

  private open(): Promise<IDBPDatabase<MeetingsDb>> {
    // Loaded on first use: the popup and the lobby show before it arrives.
    this.db ??= import('idb').then(({ openDB }) =>
      openDB<MeetingsDb>(DB_NAME, DB_VERSION, {
        upgrade(db, oldVersion) {
          if (oldVersion < 1) db.createObjectStore('meetings', { keyPath: 'meetingId' });
        },
        // Another tab upgrading the database: let it, and open afresh next time.
        blocking: () => this.close(),
      }),
    );
    return this.db;
  }

  private close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}
