// Attacks on the meeting by participants and strangers, with in-memory peers.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { encodeMessage } from '../protocol/codec.ts';
import {
  fakeFingerprint,
  makePeer,
  MemoryNetwork,
  startHostAndInvite,
} from '../testing/fixtures.ts';
import { MAX_CONCURRENT_ADMISSIONS, MAX_PARTICIPANTS } from './meeting.ts';
import { MAX_PARKED_LINKS, MEDIA_STATE_INTERVAL_MS } from './mesh.ts';

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
    // A real guest still gets in once the stalled handshakes time out or close.
    for (const link of links) link.close();
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    expect(ana.meeting.state.phase).toBe('in-meeting');
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
