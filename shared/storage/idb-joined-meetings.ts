import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  MAX_JOINED_MEETINGS,
  type JoinedMeeting,
  type JoinedMeetingStore,
} from '../core/meeting/joined-meeting-store.ts';
import { MEETING_ID_PATTERN } from '../core/meeting/meeting-id.ts';

const DB_NAME = 'conclave-joined';
const DB_VERSION = 1;

interface JoinedDb extends DBSchema {
  joined: { key: string; value: JoinedMeeting };
}

/** The meetings this person joined as a guest, bounded, newest first; see JoinedMeeting. */
export class IdbJoinedMeetingStore implements JoinedMeetingStore {
  private db: Promise<IDBPDatabase<JoinedDb>> | null = null;

  async list(): Promise<JoinedMeeting[]> {
    const all = await (await this.open()).getAll('joined');
    return all
      .map(readRecord)
      .filter((m): m is JoinedMeeting => m !== null)
      .sort(newestFirst);
  }

  /** In one transaction, so two tabs joining at once never keep more than the limit. */
  async remember(meeting: JoinedMeeting): Promise<void> {
    const record = readRecord(meeting);
    if (!record) throw new TypeError('not a joined meeting');
    const tx = (await this.open()).transaction('joined', 'readwrite');
    await tx.store.put(record);
    const kept = (await tx.store.getAll()).sort(newestFirst);
    for (const old of kept.slice(MAX_JOINED_MEETINGS)) await tx.store.delete(old.meetingId);
    await tx.done;
  }

  async forget(meetingId: string): Promise<void> {
    await (await this.open()).delete('joined', meetingId);
  }

  async forgetAll(): Promise<void> {
    await (await this.open()).clear('joined');
  }

  private open(): Promise<IDBPDatabase<JoinedDb>> {
    this.db ??= openDB<JoinedDb>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) db.createObjectStore('joined', { keyPath: 'meetingId' });
      },
      // Another page upgrading the database: let it, and open afresh next time.
      blocking: () => this.close(),
    });
    return this.db;
  }

  private close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}

const newestFirst = (a: JoinedMeeting, b: JoinedMeeting) => b.joinedAt - a.joinedAt;

/** Exactly the four fields, whatever else a record (or a caller) holds: nothing secret slips in. */
function readRecord(record: unknown): JoinedMeeting | null {
  const r = record as Partial<JoinedMeeting> | null;
  if (
    typeof r?.meetingId !== 'string' ||
    !MEETING_ID_PATTERN.test(r.meetingId) ||
    typeof r.hostKeyDigest !== 'string' ||
    typeof r.title !== 'string' ||
    typeof r.joinedAt !== 'number'
  ) {
    return null;
  }
  return {
    meetingId: r.meetingId,
    hostKeyDigest: r.hostKeyDigest,
    title: r.title,
    joinedAt: r.joinedAt,
  };
}
