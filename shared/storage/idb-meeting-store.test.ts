import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { sign, verify } from '../crypto/signing.ts';
import {
  createStoredMeeting,
  MEETING_SETTINGS_FORMAT,
} from '../core/meeting/host/meeting-store.ts';
import { fakeFingerprint } from '../core/testing/fixtures.ts';
import { IdbMeetingStore } from './idb-meeting-store.ts';

const member = (peerId: string, role: 'host' | 'participant' = 'participant') => ({
  peerId,
  name: peerId,
  role,
  fingerprint: fakeFingerprint(),
});

describe('IdbMeetingStore', () => {
  it('keeps a meeting with a host key that still signs and can never be read out', async () => {
    const saved = await createStoredMeeting('Weekly', 1000);
    await new IdbMeetingStore().add(saved);
    // A fresh store object: read back from the database, as after a reload.
    const read = (await new IdbMeetingStore().get(saved.meetingId))!;
    expect(read.title).toBe('Weekly');
    expect(read.hostKey!.digest).toBe(saved.hostKey!.digest);
    expect(read.hostKey!.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', read.hostKey!.privateKey)).rejects.toThrow();
    const sig = await sign(read.hostKey!.privateKey, 'hello');
    expect(await verify(saved.hostKey!.publicKey, 'hello', sig)).toBe(true);
  });

  it('lists newest use first, renames, and forgets a deleted meeting', async () => {
    const store = new IdbMeetingStore();
    const older = await createStoredMeeting('Older', 1);
    const newer = await createStoredMeeting('Newer', 2);
    await store.add(older);
    await store.add(newer);
    await store.markUsed(older.meetingId, 3);
    await store.rename(newer.meetingId, 'Renamed');
    const titles = (await store.list()).map((m) => m.title);
    expect(titles.indexOf('Older')).toBeLessThan(titles.indexOf('Renamed'));
    await store.delete(older.meetingId);
    expect(await store.get(older.meetingId)).toBeNull();
  });

  it('never lowers the roster version, and remembers the guests it admitted', async () => {
    const store = new IdbMeetingStore();
    const saved = await createStoredMeeting('Roster', 1);
    await store.add(saved);
    const [host, ana, ben] = [member('hana', 'host'), member('ana'), member('ben')];
    await Promise.all([
      store.saveRoster(saved.meetingId, 2, [host, ana]),
      store.saveRoster(saved.meetingId, 3, [host, ana, ben]),
    ]);
    await store.saveRoster(saved.meetingId, 1, [host, ben]);
    const read = (await store.get(saved.meetingId))!;
    expect(read.rosterVersion).toBe(3);
    expect(read.rosterMembers).toEqual([ben]);
    expect(read.recentMembers.map((m) => m.peerId)).toEqual(['ana', 'ben']);
  });

  it('ends a meeting for good: the key is gone, the meeting stays listed as ended', async () => {
    const store = new IdbMeetingStore();
    const saved = await createStoredMeeting('Done', 1);
    await store.add(saved);
    await store.endForGood(saved.meetingId, 5);
    const read = (await store.get(saved.meetingId))!;
    expect(read.hostKey).toBeNull();
    expect(read.endedAt).toBe(5);
  });

  it('brings a record saved in an older shape up to date', async () => {
    const saved = await createStoredMeeting('Old', 7);
    const store = new IdbMeetingStore();
    await store.list(); // creates the database
    const db = await openDB('conclave-meetings');
    await db.put('meetings', {
      meetingId: saved.meetingId,
      title: 'Old',
      hostKey: saved.hostKey,
      createdAt: 7,
    });
    db.close();
    const read = (await store.get(saved.meetingId))!;
    expect(read).toMatchObject({
      title: 'Old',
      lastUsedAt: 7,
      rosterVersion: 0,
      recentMembers: [],
      endedAt: null,
      settings: { format: MEETING_SETTINGS_FORMAT },
    });
  });
});
