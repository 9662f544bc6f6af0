import { describe, expect, it, vi } from 'vitest';
import {
  createStoredMeeting,
  storedHostDescriptor,
} from '../../core/meeting/host/meeting-store.ts';
import { createHostDescriptor } from '../../core/meeting/meeting.ts';
import { makePeer, MemoryNetwork } from '../../core/testing/fixtures.ts';
import { MemoryMeetingStore } from '../../core/testing/memory-meeting-store.ts';
import type { JoinedMeeting, JoinedMeetingStore } from '../../core/meeting/joined-meeting-store.ts';
import { rememberWhenAdmitted } from './joined-meetings.ts';

/** Keeps what it is told to remember, as it was handed over. */
function recordingStore(): JoinedMeetingStore & { kept: JoinedMeeting[] } {
  const kept: JoinedMeeting[] = [];
  return {
    kept,
    list: () => Promise.resolve(kept),
    remember: (meeting) => Promise.resolve(void kept.push(meeting)),
    forget: () => Promise.resolve(),
    forgetAll: () => Promise.resolve(),
  };
}

describe('rememberWhenAdmitted', () => {
  it('keeps a guest’s meeting under the host’s title and the bare invite, never the access key', async () => {
    const network = new MemoryNetwork();
    const meetings = new MemoryMeetingStore();
    const saved = await createStoredMeeting('Design review', Date.now());
    await meetings.add(saved);
    const host = makePeer(network, { host: storedHostDescriptor(saved)!, store: meetings }, 'Hana');
    await host.meeting.start();
    const key = await host.meeting.admission!.issueKey({ label: 'Ana', role: 'participant' });
    const ana = makePeer(
      network,
      { invite: { ...host.meeting.invite, accessKey: key.key } },
      'Ana',
    );
    const store = recordingStore();
    rememberWhenAdmitted(ana.meeting, store);
    await ana.meeting.start();

    await vi.waitFor(() => expect(store.kept).toHaveLength(1));
    const [entry] = store.kept;
    expect(Object.keys(entry!).sort()).toEqual(['hostKeyDigest', 'joinedAt', 'meetingId', 'title']);
    expect(entry).toMatchObject({
      meetingId: saved.meetingId,
      hostKeyDigest: saved.hostKey!.digest,
      title: 'Design review',
    });
    expect(JSON.stringify(store.kept)).not.toContain(key.key);
  });

  it('keeps nothing while the guest waits in the waiting room, nor once they give up', async () => {
    const network = new MemoryNetwork();
    const host = makePeer(network, { host: await createHostDescriptor() }, 'Hana');
    await host.meeting.start();
    const ben = makePeer(network, { invite: host.meeting.invite }, 'Ben');
    const store = recordingStore();
    rememberWhenAdmitted(ben.meeting, store);
    void ben.meeting.start();
    await vi.waitFor(() => expect(ben.meeting.state.phase).toBe('in-lobby'));
    ben.meeting.leave();
    expect(ben.meeting.state.phase).toBe('ended');
    expect(store.kept).toEqual([]);
  });
});
