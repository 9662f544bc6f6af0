import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { fromBase64Url } from '../crypto/encoding.ts';
import { hmac, verifyHmac } from '../crypto/hmac.ts';
import { derivePasswordKey } from '../crypto/pbkdf2.ts';
import { sign, verify } from '../crypto/signing.ts';
import { accessKeySecret } from '../core/meeting/access-key.ts';
import {
  defaultHostSettings,
  makePasswordVerifier,
  newAccessKey,
} from '../core/meeting/host/admission-settings.ts';
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
      settings: {
        format: MEETING_SETTINGS_FORMAT,
        admission: { password: null, accessKeys: [], locked: false },
      },
    });
  });
});

describe('IdbMeetingStore: admission settings', () => {
  const message = 'admit | some handshake';
  const PASSWORD = 'amber-quartz-7';

  /** A password (few rounds: only storage is under test), two links, one used and one revoked. */
  async function admission() {
    const doctor = await newAccessKey({
      label: 'doctor',
      role: 'viewer',
      expiresAt: 123_456,
      maxUses: 3,
    });
    doctor.usesLeft = 2;
    const client = await newAccessKey({ label: 'client', role: 'participant' });
    client.revoked = true;
    const settings = defaultHostSettings().admission;
    settings.password = await makePasswordVerifier(PASSWORD, 1000);
    settings.accessKeys.push(doctor, client);
    settings.locked = true;
    settings.keyHolders.push({ peerId: 'doc', name: 'Doc', keyId: doctor.id });
    return { settings, doctor, client };
  }

  it('keeps the password verifier and every personal link as keys that check proofs and can never be read out, never the links', async () => {
    const saved = await createStoredMeeting('Clinic', 1);
    await new IdbMeetingStore().add(saved);
    const { settings, doctor, client } = await admission();
    await new IdbMeetingStore().saveAdmission(saved.meetingId, settings);

    const read = (await new IdbMeetingStore().get(saved.meetingId))!.settings.admission;
    expect(read.locked).toBe(true);
    expect(read.keyHolders).toEqual([{ peerId: 'doc', name: 'Doc', keyId: doctor.id }]);
    expect(read.accessKeys).toMatchObject([
      { id: doctor.id, label: 'doctor', role: 'viewer', hint: doctor.hint, key: null },
      { id: client.id, label: 'client', role: 'participant', revoked: true, key: null },
    ]);
    expect(read.accessKeys[0]).toMatchObject({ expiresAt: 123_456, usesLeft: 2, revoked: false });
    const password = read.password!;
    expect(password).toMatchObject({ salt: settings.password!.salt, iterations: 1000 });
    const keys = [password.verifier, ...read.accessKeys.map((k) => k.verifier)];
    for (const key of keys) {
      expect(key.extractable).toBe(false);
      expect(key.usages).toEqual(['verify']);
      await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    }
    // The verifiers read back still check the proofs a guest makes, and only those.
    const doctorProof = await hmac(accessKeySecret(doctor.key), message);
    expect(await verifyHmac(read.accessKeys[0]!.verifier, message, doctorProof)).toBe(true);
    expect(await verifyHmac(read.accessKeys[1]!.verifier, message, doctorProof)).toBe(false);
    const derived = await derivePasswordKey(PASSWORD, fromBase64Url(password.salt), 1000);
    expect(await verifyHmac(password.verifier, message, await hmac(derived, message))).toBe(true);
    // Nothing in the record can be turned into a link: no `k`, no password.
    const db = await openDB('conclave-meetings');
    const raw = JSON.stringify(await db.get('meetings', saved.meetingId));
    db.close();
    for (const secret of [doctor.key, client.key, PASSWORD]) expect(raw).not.toContain(secret);
  });

  it('forgets the password and the links with a meeting ended for good or deleted', async () => {
    const store = new IdbMeetingStore();
    const ended = await createStoredMeeting('Ended', 1);
    const deleted = await createStoredMeeting('Deleted', 1);
    const { settings } = await admission();
    for (const meeting of [ended, deleted]) {
      await store.add(meeting);
      await store.saveAdmission(meeting.meetingId, settings);
    }
    await store.endForGood(ended.meetingId, 5);
    // A save still on its way from the closing meeting brings nothing back.
    await store.saveAdmission(ended.meetingId, settings);
    expect((await store.get(ended.meetingId))!.settings.admission).toEqual(
      defaultHostSettings().admission,
    );
    await store.delete(deleted.meetingId);
    expect(await store.get(deleted.meetingId)).toBeNull();
  });
});
