// Attacks on the meeting by participants and strangers, with in-memory peers.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { encodeMessage } from '../protocol/codec.ts';
import {
  FakeMedia,
  fakeFingerprint,
  makePeer,
  MemoryNetwork,
  startHostAndInvite,
} from '../testing/fixtures.ts';
import {
  ADMISSION_GRACE_MS,
  MAX_CONCURRENT_ADMISSIONS,
  MAX_PARTICIPANTS,
} from './host/host-room.ts';
import { MAX_PARKED_LINKS, MAX_PENDING_MEDIA, MEDIA_STATE_INTERVAL_MS } from './mesh.ts';

const waitFor = (check: () => void, timeout = 5000) => vi.waitFor(check, { timeout, interval: 5 });

describe('a meeting under attack', () => {
  it('admits exactly the participant limit when twelve guests knock at once', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const guests = Array.from({ length: 12 }, (_, i) => makePeer(network, { invite }, `G${i}`));
    await Promise.all(guests.map((g) => g.meeting.start()));
    const inMeeting = guests.filter((g) => g.meeting.state.phase === 'in-meeting');
    const full = guests.filter((g) => g.meeting.state.error?.code === ErrorCode.MeetingFull);
    expect(inMeeting).toHaveLength(MAX_PARTICIPANTS - 1);
    expect(full).toHaveLength(12 - (MAX_PARTICIPANTS - 1));
    expect(host.meeting.participants).toHaveLength(MAX_PARTICIPANTS);
  });

  it('shows a flood of camera/microphone toggles at a bounded rate, ending on the last state', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    await waitFor(() =>
      expect(host.meeting.participants.find((p) => p.name === 'Ana')?.videoOn).toBe(true),
    );
    const toHost = ana
      .transport()
      ?.dataLinks.find((l) => l.remotePeerId === host.meeting.selfPeerId);
    let redraws = 0;
    host.meeting.events.on('participants', () => redraws++);
    const started = Date.now();
    for (let i = 0; i < 5000; i++) {
      toHost?.send(encodeMessage('media-state', { audio: i % 2 === 0, video: i % 3 === 0 }));
    }
    // The last message (i = 4999) says: microphone off, camera off.
    await waitFor(() => {
      const seen = host.meeting.participants.find((p) => p.name === 'Ana');
      expect([seen?.audioOn, seen?.videoOn]).toEqual([false, false]);
    });
    const bound = Math.ceil((Date.now() - started) / MEDIA_STATE_INTERVAL_MS) + 2;
    expect(redraws).toBeLessThanOrEqual(bound);
  });

  it('runs a bounded number of admissions at once and closes the excess straight away', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    // Strangers open links to the host and never say hello.
    const links = Array.from({ length: MAX_CONCURRENT_ADMISSIONS + 5 }, (_, i) => {
      const stranger = network.transport(`cvstranger${i}`, fakeFingerprint());
      void stranger.open();
      return stranger.connect(host.meeting.selfPeerId);
    });
    await waitFor(() => {
      expect(host.logs.filter((l) => l.includes('too many admissions'))).toHaveLength(5);
      expect(links.filter((l) => l.isOpen)).toHaveLength(MAX_CONCURRENT_ADMISSIONS);
    });
    // Once they hang up, a real guest gets in straight away.
    for (const link of links) link.close();
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    expect(ana.meeting.state.phase).toBe('in-meeting');
  });

  it('lets a real guest in while stalled connections hold every admission', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const network = new MemoryNetwork();
      const { host, invite } = await startHostAndInvite(network);
      // Strangers open links to the host and then say nothing, holding every place.
      const links = Array.from({ length: MAX_CONCURRENT_ADMISSIONS }, (_, i) => {
        const stranger = network.transport(`cvsilent${i}`, fakeFingerprint());
        void stranger.open();
        return stranger.connect(host.meeting.selfPeerId);
      });
      await waitFor(() => expect(links.every((l) => l.isOpen)).toBe(true));
      vi.setSystemTime(Date.now() + ADMISSION_GRACE_MS);
      const ana = makePeer(network, { invite }, 'Ana');
      await ana.meeting.start();
      expect(ana.meeting.state.phase).toBe('in-meeting');
      expect(links.filter((l) => l.isClosed)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gets media from a guest whose early call was crowded out before admission', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite }, 'Ana');
    const joining = ana.meeting.start();
    const anaCalled = () =>
      host.transport()?.mediaLinks.some((l) => l.remotePeerId === ana.meeting.selfPeerId);
    await waitFor(() => expect(anaCalled()).toBe(true));
    // Calls from strangers push Ana's pending call out before she is admitted.
    for (let i = 0; i < MAX_PENDING_MEDIA; i++) {
      const stranger = network.transport(`cvcaller${i}`, fakeFingerprint());
      void stranger.open();
      stranger.call(host.meeting.selfPeerId, new FakeMedia('stranger').stream);
    }
    await joining;
    await waitFor(() => {
      const seen = host.meeting.participants.find((p) => p.name === 'Ana');
      expect([seen?.connection, seen?.stream?.id]).toEqual(['connected', ana.media.stream.id]);
    });
  });

  it('parks a bounded number of links from people not on its roster', async () => {
    const network = new MemoryNetwork();
    const { invite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    const links = Array.from({ length: MAX_PARKED_LINKS + 3 }, (_, i) => {
      const stranger = network.transport(`cvstranger${i}`, fakeFingerprint());
      void stranger.open();
      return stranger.connect(ana.meeting.selfPeerId);
    });
    await waitFor(() =>
      expect(ana.logs.filter((l) => l.includes('too many waiting'))).toHaveLength(3),
    );
    await waitFor(() => expect(links.filter((l) => l.isClosed)).toHaveLength(3));
  });

  it('gives a guest who takes the host’s name, or "(you)", a name of their own', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network, 'Hana');
    const fake = makePeer(network, { invite }, 'hana');
    await fake.meeting.start();
    const you = makePeer(network, { invite }, 'Hana (you)');
    await you.meeting.start();
    const names = host.meeting.participants.map((p) => [p.name, p.role]);
    expect(names).toEqual([
      ['Hana', 'host'],
      ['hana (2)', 'participant'],
      ['Hana (3)', 'participant'],
    ]);
    await waitFor(() => expect(fake.meeting.participants.map((p) => p.name)).toHaveLength(3));
    expect(fake.meeting.participants.find((p) => p.isSelf)?.name).toBe('hana (2)');
  });

  it('ends the meeting on leave even when closing a connection throws', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    const link = host.transport()?.mediaLinks[0];
    expect(link).toBeDefined();
    const close = link!.close.bind(link);
    let thrown = false;
    link!.close = () => {
      if (thrown) return close();
      thrown = true;
      throw new TypeError('hostile connection');
    };
    const phases: string[] = [];
    host.meeting.events.on('state', (s) => phases.push(s.phase));
    host.meeting.leave();
    expect(phases).toEqual(['ended']);
    await waitFor(() => expect(ana.meeting.state.error?.code).toBe(ErrorCode.HostLeft));
  });
});
