import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { makePeer, MemoryNetwork, type TestPeer } from '../testing/fixtures.ts';
import { descriptorOf, MemoryMeetingStore } from '../testing/memory-meeting-store.ts';
import { createStoredMeeting } from './host/meeting-store.ts';
import { MAX_NAME_LENGTH } from '../protocol/limits.ts';
import { MAX_PARTICIPANTS } from './meeting.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

const names = (peer: TestPeer) => peer.meeting.participants.map((p) => p.name).sort();

/** An invite that admits at once (a personal link), as the host's desk issues it. */
async function keyInvite(host: TestPeer) {
  const key = await host.meeting.admission!.issueKey({ label: 'Everyone', role: 'participant' });
  return { ...host.meeting.invite, accessKey: key.key };
}

async function hostedMeeting() {
  const network = new MemoryNetwork();
  const store = new MemoryMeetingStore();
  const saved = await createStoredMeeting('Weekly', Date.now());
  await store.add(saved);
  const startHost = async () => {
    const host = makePeer(network, { host: descriptorOf(saved), store }, 'Hana');
    await host.meeting.start();
    return host;
  };
  const host = await startHost();
  const invite = await keyInvite(host);
  const guests: TestPeer[] = [];
  for (const name of ['Ana', 'Ben']) {
    const guest = makePeer(network, { invite }, name);
    await guest.meeting.start();
    guests.push(guest);
  }
  const [ana, ben] = guests as [TestPeer, TestPeer];
  await waitFor(() => expect(names(ana)).toEqual(['Ana', 'Ben', 'Hana']));
  return { network, store, saved, host, ana, ben, startHost };
}

/** The media link between two guests, as the first of them holds it. */
const mediaBetween = (a: TestPeer, b: TestPeer) =>
  a.transport()!.mediaLinks.filter((l) => l.remotePeerId === b.meeting.selfPeerId && !l.isClosed);

describe('a host whose page restarts', () => {
  it('starts a meeting it ended for everyone with nobody expected back, so a returning guest keeps their name', async () => {
    const { network, store, saved, host, ana, startHost } = await hostedMeeting();
    const versionBefore = ana.meeting.rosterVersion;
    await host.meeting.endForAll();
    await waitFor(async () =>
      expect((await store.get(saved.meetingId))?.rosterMembers).toEqual([]),
    );

    const back = await startHost();
    expect(names(back)).toEqual(['Hana']);
    const anaAgain = makePeer(network, { invite: await keyInvite(back) }, 'Ana');
    await anaAgain.meeting.start();
    await waitFor(() => expect(names(back)).toEqual(['Ana', 'Hana']));
    expect(anaAgain.meeting.rosterVersion).toBeGreaterThan(versionBefore);
  });

  it('resumes the same meeting: guests wait, stay connected to each other, and come back under a higher roster version', async () => {
    const { store, saved, host, ana, ben, startHost } = await hostedMeeting();
    await waitFor(() => expect(ben.meeting.rosterVersion).toBe(ana.meeting.rosterVersion));
    const versionBefore = ana.meeting.rosterVersion;
    expect(ben.meeting.rosterVersion).toBe(versionBefore);
    const [anaToBen] = mediaBetween(ana, ben);
    expect(anaToBen).toBeDefined();

    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(ana.meeting.state.phase).toBe('host-left'));
    await waitFor(() => expect(ben.meeting.state.phase).toBe('host-left'));
    expect(names(ana)).toEqual(['Ana', 'Ben']);

    const back = await startHost();
    for (const guest of [ana, ben]) {
      await waitFor(() => expect(guest.meeting.state.phase).toBe('in-meeting'));
      await waitFor(() => expect(names(guest)).toEqual(['Ana', 'Ben', 'Hana']));
      await waitFor(() =>
        expect(guest.meeting.participants.find((p) => p.name === 'Hana')).toMatchObject({
          role: 'host',
          connection: 'connected',
        }),
      );
    }
    await waitFor(() =>
      expect(back.meeting.participants.map((p) => [p.name, p.connection]).sort()).toEqual([
        ['Ana', 'connected'],
        ['Ben', 'connected'],
        ['Hana', 'connected'],
      ]),
    );
    // The guests' own call never went down while the host was away.
    expect(anaToBen!.isClosed).toBe(false);
    expect(mediaBetween(ana, ben)).toEqual([anaToBen]);
    for (const guest of [ana, ben])
      expect(guest.meeting.rosterVersion).toBeGreaterThan(versionBefore);
    expect((await store.get(saved.meetingId))!.rosterVersion).toBe(back.meeting.rosterVersion);
    // Every version was stored before it was published, and none was used twice.
    expect(new Set(store.savedVersions).size).toBe(store.savedVersions.length);
  });

  it('forgets the code a guest compared with the host’s old page: comparing again matches the new page’s', async () => {
    const { host, ana, startHost } = await hostedMeeting();
    const hostId = host.meeting.selfPeerId;
    const codeOf = (self: TestPeer, peerId: string) => {
      const state = self.meeting.verification.state(peerId);
      return state.status === 'ready' ? state.sas.digits.join(' ') : state.status;
    };
    const forgotten: string[] = [];
    ana.meeting.verification.events.on('forgotten', (peerId) => forgotten.push(peerId));
    ana.meeting.verification.compare(hostId);
    await waitFor(() => expect(codeOf(ana, hostId)).toMatch(/^\d/));
    // Comparing again over the same connection forgets nothing (the mark "verified by you" stays).
    ana.meeting.verification.compare(hostId, true);
    await waitFor(() => expect(codeOf(ana, hostId)).toMatch(/^\d/));
    expect(forgotten).toEqual([]);
    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(ana.meeting.state.phase).toBe('host-left'));
    expect(codeOf(ana, hostId)).toBe('pending');
    expect(forgotten).toContain(hostId);

    const back = await startHost();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
    ana.meeting.verification.compare(hostId);
    await waitFor(() => expect(codeOf(back, ana.meeting.selfPeerId)).toMatch(/^\d/));
    await waitFor(() => expect(codeOf(ana, hostId)).toBe(codeOf(back, ana.meeting.selfPeerId)));
  });

  it('shows "host lost" when the host’s connection breaks without a goodbye, and resumes', async () => {
    const { host, ana, startHost } = await hostedMeeting();
    host.transport()!.destroy();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('host-lost'));
    await startHost();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
  });

  it('tells each guest the title it keeps the meeting under, cut to what the wire allows', async () => {
    const { network, store, saved, host, ana, ben } = await hostedMeeting();
    expect([host.meeting.title, ana.meeting.title, ben.meeting.title]).toEqual([
      'Weekly',
      'Weekly',
      'Weekly',
    ]);
    host.meeting.leave({ endForEveryone: false });
    await store.rename(saved.meetingId, `  ${'Long '.repeat(20)}`);
    const back = makePeer(network, { host: descriptorOf(saved), store }, 'Hana');
    await back.meeting.start();
    const cy = makePeer(network, { invite: await keyInvite(back) }, 'Cy');
    await cy.meeting.start();
    expect(cy.meeting.state.phase).toBe('in-meeting');
    expect(cy.meeting.title).toBe('Long '.repeat(20).slice(0, MAX_NAME_LENGTH));
  });

  it('ends the meeting for the guests only when the host ends it for everyone', async () => {
    const { host, ana } = await hostedMeeting();
    host.meeting.leave();
    await waitFor(() => expect(ana.meeting.state.error?.code).toBe(ErrorCode.HostLeft));
  });

  it('lets the people it admitted back into their seats, while a stranger finds the meeting full', async () => {
    const network = new MemoryNetwork();
    const store = new MemoryMeetingStore();
    const saved = await createStoredMeeting('Full', Date.now());
    await store.add(saved);
    const host = makePeer(network, { host: descriptorOf(saved), store }, 'Hana');
    await host.meeting.start();
    const guests: TestPeer[] = [];
    for (let i = 1; i < MAX_PARTICIPANTS; i++) {
      const guest = makePeer(network, { invite: await keyInvite(host) }, `Guest${i}`);
      await guest.meeting.start();
      guests.push(guest);
    }
    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(guests[0]!.meeting.state.phase).toBe('host-left'));

    const back = makePeer(network, { host: descriptorOf(saved), store }, 'Hana');
    await back.meeting.start();
    const stranger = makePeer(network, { invite: await keyInvite(back) }, 'Stranger');
    await stranger.meeting.start();
    expect(stranger.meeting.state.error?.code).toBe(ErrorCode.MeetingFull);
    for (const guest of guests) {
      await waitFor(() => expect(guest.meeting.state.phase).toBe('in-meeting'));
    }
    expect(back.meeting.participants).toHaveLength(MAX_PARTICIPANTS);
  });

  it('drops from the roster whoever does not come back within the grace', async () => {
    const { network, store, saved, host, ana, ben } = await hostedMeeting();
    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(ben.meeting.state.phase).toBe('host-left'));
    ben.meeting.leave();
    const back = makePeer(network, { host: descriptorOf(saved), store, resumeGraceMs: 50 }, 'Hana');
    await back.meeting.start();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
    await waitFor(() => expect(names(back)).toEqual(['Ana', 'Hana']));
    await waitFor(() => expect(names(ana)).toEqual(['Ana', 'Hana']));
  });

  it('is refused by a guest when its admit carries a roster version at or below one already verified', async () => {
    const { store, saved, host, ana, startHost } = await hostedMeeting();
    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(ana.meeting.state.phase).toBe('host-left'));
    // A host that lost its high-water mark would sign versions the guests have already seen.
    const record = (await store.get(saved.meetingId))!;
    await store.add({ ...record, rosterVersion: 0 });
    await startHost();
    await waitFor(() => expect(ana.meeting.state.error?.code).toBe(ErrorCode.HostCheckFailed));
  });

  it('admits a guest who knocks the moment the restarted host registers, before its devices are ready', async () => {
    const { network, store, saved, host, ana } = await hostedMeeting();
    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(ana.meeting.state.phase).toBe('host-left'));
    let devicesReady = () => undefined as void;
    const ready = new Promise<void>((resolve) => (devicesReady = resolve));
    const back = makePeer(network, { host: descriptorOf(saved), store }, 'Hana', ready);
    const starting = back.meeting.start();
    // Ana's knock reaches the host while it has registered but is not listening yet.
    await waitFor(() =>
      expect(
        ana
          .transport()!
          .dataLinks.some((l) => l.remotePeerId === back.meeting.selfPeerId && l.isOpen),
      ).toBe(true),
    );
    devicesReady();
    await starting;
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
  });
});
