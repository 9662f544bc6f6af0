import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_JOINED_MEETINGS, type JoinedMeeting } from '../core/meeting/joined-meeting-store.ts';
import { IdbJoinedMeetingStore } from './idb-joined-meetings.ts';

const joined = (n: number, title = `Meeting ${n}`): JoinedMeeting => ({
  meetingId: n.toString(16).padStart(32, '0'),
  hostKeyDigest: 'h'.repeat(43),
  title,
  joinedAt: 1000 + n,
});

describe('IdbJoinedMeetingStore', () => {
  it('keeps the newest joined meetings first, up to the limit, and one entry per meeting', async () => {
    const store = new IdbJoinedMeetingStore();
    await store.forgetAll();
    for (let n = 1; n <= MAX_JOINED_MEETINGS + 2; n++) await store.remember(joined(n));
    await store.remember({ ...joined(5, 'Renamed'), joinedAt: 5000 });
    const titles = (await store.list()).map((m) => m.title);
    expect(titles).toHaveLength(MAX_JOINED_MEETINGS);
    expect(titles.slice(0, 2)).toEqual(['Renamed', `Meeting ${MAX_JOINED_MEETINGS + 2}`]);
    expect(titles).not.toContain('Meeting 1');
    expect(titles).not.toContain('Meeting 2');
  });

  it('forgets one meeting, then all of them', async () => {
    const store = new IdbJoinedMeetingStore();
    await store.forgetAll();
    await store.remember(joined(1));
    await store.remember(joined(2));
    await store.forget(joined(1).meetingId);
    expect((await store.list()).map((m) => m.title)).toEqual(['Meeting 2']);
    await store.forgetAll();
    expect(await store.list()).toEqual([]);
  });

  it('stores the four fields only, whatever else the caller hands it', async () => {
    const store = new IdbJoinedMeetingStore();
    await store.forgetAll();
    const withSecret = { ...joined(1), accessKey: 'k'.repeat(22), password: 'hunter2' };
    await store.remember(withSecret);
    expect(await store.list()).toEqual([joined(1)]);
  });
});
