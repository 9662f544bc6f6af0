import { describe, expect, it } from 'vitest';
import { defaultHostSettings } from '../core/meeting/host/admission-settings.ts';
import { createStoredMeeting } from '../core/meeting/host/meeting-store.ts';
import { MemoryMeetingStore } from '../core/testing/memory-meeting-store.ts';
import { LazyMeetingStore } from './lazy-meeting-store.ts';

describe('LazyMeetingStore', () => {
  it('loads its store on first use, once, and hands every change through to it', async () => {
    const inner = new MemoryMeetingStore();
    let loads = 0;
    const store = new LazyMeetingStore(() => {
      loads++;
      return Promise.resolve(inner);
    });
    expect(loads).toBe(0);

    const meeting = await createStoredMeeting('Weekly', 1000);
    await Promise.all([store.add(meeting), store.list()]);
    await store.rename(meeting.meetingId, 'Daily');
    await store.markUsed(meeting.meetingId, 2000);
    await store.saveAdmission(meeting.meetingId, defaultHostSettings().admission);
    expect(await inner.get(meeting.meetingId)).toMatchObject({ title: 'Daily', lastUsedAt: 2000 });
    expect((await store.list()).map((m) => m.title)).toEqual(['Daily']);

    await store.endForGood(meeting.meetingId, 3000);
    expect(await store.get(meeting.meetingId)).toMatchObject({ hostKey: null, endedAt: 3000 });
    await store.delete(meeting.meetingId);
    expect(await inner.list()).toEqual([]);
    expect(loads).toBe(1);
  });

  it('tries again after its store failed to load (say, offline before it was cached)', async () => {
    let loads = 0;
    const store = new LazyMeetingStore(() =>
      ++loads === 1
        ? Promise.reject(new Error('failed to fetch'))
        : Promise.resolve(new MemoryMeetingStore()),
    );
    await expect(store.list()).rejects.toThrow('failed to fetch');
    expect(await store.list()).toEqual([]);
    expect(loads).toBe(2);
  });
});
