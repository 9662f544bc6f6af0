import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRoom } from '../chat/chat-room.ts';
import type { DataLink, Fingerprints } from '../signaling/transport.ts';
import { ErrorCode } from '../errors.ts';
import { fakeFingerprint, makePeer, MemoryNetwork, type TestPeer } from '../testing/fixtures.ts';
import type { MemoryDataLink } from '../testing/memory-transport.ts';
import { createHostDescriptor } from './meeting.ts';
import { descriptorOf, MemoryMeetingStore } from '../testing/memory-meeting-store.ts';
import { createStoredMeeting } from './host/meeting-store.ts';
import { DATA_GIVE_UP_MS, HOST_CERTIFICATE_PROOF_MS } from './mesh.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

const chats = new Map<TestPeer, ChatRoom>();

function withChat(peer: TestPeer): TestPeer {
  peer.meeting.events.on('chat', (room) => chats.set(peer, room));
  return peer;
}

const texts = (p: TestPeer) => chats.get(p)!.messages.map((m) => m.text);

/**
 * Hana hosts; Ana, then Ben join (Ben placed the link between the two guests), or with
 * `benFirst` the other way round.
 */
async function threeInAMeeting({ benFirst = false } = {}) {
  const network = new MemoryNetwork();
  const hana = withChat(makePeer(network, { host: await createHostDescriptor() }, 'Hana'));
  await hana.meeting.start();
  const key = await hana.meeting.admission!.issueKey({ label: 'All', role: 'participant' });
  const invite = { ...hana.meeting.invite, accessKey: key.key };
  const guests = (benFirst ? ['Ben', 'Ana'] : ['Ana', 'Ben']).map((name) =>
    withChat(makePeer(network, { invite }, name)),
  );
  for (const guest of guests) await guest.meeting.start();
  const [ana, ben] = benFirst ? [guests[1]!, guests[0]!] : [guests[0]!, guests[1]!];
  const everyone = [hana, ana, ben];
  await waitFor(() => {
    for (const p of everyone)
      expect(connections(p)).toEqual(['connected', 'connected', 'connected']);
  });
  return { network, hana, ana, ben, everyone };
}

const seenBy = (self: TestPeer, name: string) =>
  self.meeting.participants.find((p) => p.name === name);
const connections = (p: TestPeer) => p.meeting.participants.map((x) => x.connection);
const openLinks = (self: TestPeer, other: TestPeer): MemoryDataLink[] =>
  self
    .transport()!
    .dataLinksWith(other.meeting.selfPeerId)
    .filter((l) => !l.isClosed);

/**
 * Hana hosts a stored meeting; Ana, then Ben join. Ben drops off the network and his call to the
 * host fails (his data link to the host with it, or not yet: `dataLinkNoticed`); meanwhile the
 * host's page restarts with a new certificate, and Ben does not hear its goodbye. Once Ana is
 * back, `meanwhile` runs, then Ben is back on the network: his call to the host is placed again,
 * and the host's new certificate is not the one on Ben's roster. Resolves once everyone sees
 * everyone connected again.
 */
async function hostRestartsWhileBenIsCutOff({
  dataLinkNoticed,
  meanwhile = () => undefined,
}: {
  dataLinkNoticed: boolean;
  meanwhile?: (network: MemoryNetwork, hostId: string, benId: string) => void;
}) {
  const network = new MemoryNetwork();
  const store = new MemoryMeetingStore();
  const saved = await createStoredMeeting('Weekly', Date.now());
  await store.add(saved);
  const descriptor = descriptorOf(saved);
  const shown = new Map<TestPeer, ErrorCode[]>();
  const startPeer = async (...args: Parameters<typeof makePeer>) => {
    const peer = makePeer(...args);
    const seen: ErrorCode[] = [];
    shown.set(peer, seen);
    peer.meeting.events.on('notice', (error) => seen.push(error.code));
    await peer.meeting.start();
    return peer;
  };
  const hana = await startPeer(network, { host: descriptor, store }, 'Hana');
  const key = await hana.meeting.admission!.issueKey({ label: 'All', role: 'participant' });
  const invite = { ...hana.meeting.invite, accessKey: key.key };
  const ana = await startPeer(network, { invite }, 'Ana');
  const ben = await startPeer(network, { invite }, 'Ben');
  await waitFor(() => {
    for (const p of [hana, ana, ben]) {
      expect(connections(p)).toEqual(['connected', 'connected', 'connected']);
    }
  });
  const offline = ben.transport()!;
  network.unregister(offline);
  for (const link of openLinks(ben, hana)) {
    if (dataLinkNoticed) link.fail();
    else link.sever();
  }
  for (const call of offline.mediaLinksWith(hana.meeting.selfPeerId)) call.fail();
  hana.meeting.leave({ endForEveryone: false });
  const back = await startPeer(network, { host: descriptor, store }, 'Hana');
  await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
  meanwhile(network, hana.meeting.selfPeerId, ben.meeting.selfPeerId);
  // Ben knocks again rather than wait forever for a link the old page would have placed.
  network.register(offline);
  offline.events.emit('server-connection', 'connected');
  await waitFor(() => {
    for (const p of [back, ana, ben]) {
      expect(p.meeting.participants.map((x) => [x.name, x.connection]).sort()).toEqual([
        ['Ana', 'connected'],
        ['Ben', 'connected'],
        ['Hana', 'connected'],
      ]);
    }
  });
  const notices = (...people: TestPeer[]) => people.map((p) => shown.get(p));
  return { hana, ana, ben, back, notices };
}

describe('data-link recovery under attack', () => {
  afterEach(() => vi.useRealTimers());

  it('links a guest back up with everyone once let in again after an outage longer than the give-up', async () => {
    const { network, hana, ana, ben, everyone } = await threeInAMeeting();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const offline = ben.transport()!;
    network.unregister(offline);
    for (const other of [hana, ana]) {
      for (const link of openLinks(ben, other)) link.fail();
      for (const call of offline.mediaLinksWith(other.meeting.selfPeerId)) call.fail();
    }
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS - 2_000);
    network.register(offline);
    offline.events.emit('server-connection', 'connected');
    // The host gives up on Ben and takes him off the roster (Ana drops him); he knocks again.
    await vi.advanceTimersByTimeAsync(3_000);
    vi.useRealTimers();
    await waitFor(() => {
      for (const p of everyone) {
        expect(p.meeting.participants.map((x) => [x.name, x.connection])).toEqual([
          ['Hana', 'connected'],
          ['Ana', 'connected'],
          ['Ben', 'connected'],
        ]);
      }
    });
    expect(openLinks(ben, ana)).toHaveLength(1);
  });

  it('reads nothing a removed person sent on a link placed again while it was being checked', async () => {
    const { hana, ana, ben } = await threeInAMeeting();
    const everyone = [hana, ana, ben].map((p) => p.meeting.selfPeerId);
    // Ana's check of Ben's new link takes a while (reading its certificate is asynchronous).
    let release: () => void = () => undefined;
    let heldBack = 0;
    ana.transport()!.events.on('data-link', (link) => {
      const read = link.fingerprints.bind(link);
      link.fingerprints = () => {
        const seen = read();
        return new Promise<Fingerprints>((resolve) => (release = () => resolve(seen)));
      };
      link.events.on('message', () => heldBack++);
    });
    openLinks(ben, ana)[0]!.fail();
    // Said while the link was down: Ben's chat sends it again once his side of the new link is up.
    await chats.get(ben)!.send('sent before I was removed', everyone, null);
    await waitFor(() => expect(texts(hana)).toEqual(['sent before I was removed']));
    await waitFor(() => expect(heldBack).toBeGreaterThan(0));
    await hana.meeting.remove(ben.meeting.selfPeerId);
    await waitFor(() =>
      expect(ana.meeting.participants.map((p) => p.name)).toEqual(['Hana', 'Ana']),
    );
    release();
    await chats.get(hana)!.send('after', everyone.slice(0, 2), null);
    await waitFor(() => expect(texts(ana)).toContain('after'));
    expect(texts(ana)).toEqual(['after']);
  });

  it('keeps a checked link when the server brings a new one in someone’s name with another certificate', async () => {
    const { network, hana, ana, ben } = await threeInAMeeting();
    const everyone = [hana, ana, ben].map((p) => p.meeting.selfPeerId);
    const notices: string[] = [];
    ana.meeting.events.on('notice', (error) => notices.push(error.code));
    const [anaId, benId] = [ana.meeting.selfPeerId, ben.meeting.selfPeerId];
    // The server hands Ana a connection "from Ben" that ends at someone else's certificate.
    const attacker = fakeFingerprint();
    network.interceptFingerprint = (from, to) => (from === benId && to === anaId ? attacker : null);
    const forged = ben.transport()!.connect(anaId);
    await waitFor(() => expect(notices).toContain(ErrorCode.PeerCheckFailed));
    network.interceptFingerprint = null;
    await waitFor(() => expect(forged.isClosed).toBe(true));
    // Ana and Ben still talk over the link they had, and still see each other.
    await chats.get(ben)!.send('still here', everyone, null);
    await waitFor(() => expect(texts(ana)).toEqual(['still here']));
    expect(ana.meeting.participants.map((p) => [p.name, p.connection])).toEqual([
      ['Hana', 'connected'],
      ['Ana', 'connected'],
      ['Ben', 'connected'],
    ]);
    // And when that link fails later, Ana still waits for Ben's new one rather than drop him.
    openLinks(ana, ben)[0]!.fail();
    expect(ana.meeting.participants.find((p) => p.name === 'Ben')?.connection).toBe('reconnecting');
    await chats.get(ana)!.send('and again', everyone, null);
    await waitFor(() => expect(texts(ben)).toEqual(['still here', 'and again']));
  });

  it('checks one new link per person at a time, however many the server brings', async () => {
    const { network, ana, ben } = await threeInAMeeting();
    const [anaId, benId] = [ana.meeting.selfPeerId, ben.meeting.selfPeerId];
    network.interceptFingerprint = (from, to) =>
      from === benId && to === anaId ? fakeFingerprint() : null;
    // Ana's side of each forged link, open from delivery until closed.
    const checking = new Set<DataLink>();
    let most = 0;
    ana.transport()!.events.on('data-link', (link) => {
      checking.add(link);
      link.events.on('close', () => checking.delete(link));
      most = Math.max(most, checking.size);
    });
    const forged = Array.from({ length: 20 }, () => ben.transport()!.connect(anaId));
    await waitFor(() => expect(forged.every((link) => link.isClosed)).toBe(true));
    expect(checking.size).toBe(0);
    expect(most).toBe(1);
    expect(openLinks(ana, ben)).toHaveLength(1);
  });

  // Ben's data link to the host fails with his call, or has not noticed yet when the call fails.
  describe.each([{ dataLinkNoticed: true }, { dataLinkNoticed: false }])(
    'a host whose page restarted (Ben’s data link noticed: $dataLinkNoticed)',
    ({ dataLinkNoticed }) => {
      it('is answered by a call placed again with a new certificate: Ben knocks again, nobody is alarmed', async () => {
        const { hana, ana, ben, back, notices } = await hostRestartsWhileBenIsCutOff({
          dataLinkNoticed,
        });
        expect(notices(ana, ben, back)).toEqual([[], [], []]);
        for (const host of [hana, back]) {
          expect(host.meeting.securityLog!.entries.map((e) => e.kind)).not.toContain(
            'fingerprint-mismatch',
          );
        }
      });

      it('still alarms Ben when his call reached another certificate than the one the host comes back with', async () => {
        const { ben, notices } = await hostRestartsWhileBenIsCutOff({
          dataLinkNoticed,
          meanwhile: (network, hostId, benId) => {
            // The server hands Ben's call to someone else; his knock then reaches the host.
            const attacker = fakeFingerprint();
            let first = true;
            network.interceptFingerprint = (from, to) => {
              if (from !== hostId || to !== benId || !first) return null;
              first = false;
              return attacker;
            };
          },
        });
        expect(notices(ben)).toEqual([[ErrorCode.PeerCheckFailed]]);
      });
    },
  );

  it('alarms Ben when the server answers his call to the live host with another certificate, then keeps his knocks away', async () => {
    const { network, hana, ben } = await threeInAMeeting();
    const notices: ErrorCode[] = [];
    ben.meeting.events.on('notice', (error) => notices.push(error.code));
    const [hostId, benId] = [hana.meeting.selfPeerId, ben.meeting.selfPeerId];
    let intercepted = false;
    network.interceptFingerprint = (from, to) => {
      if (from !== hostId || to !== benId || intercepted) return null;
      intercepted = true;
      network.setPathCut(hostId, benId, true); // and from now on no knock of Ben's gets through
      return fakeFingerprint();
    };
    vi.useFakeTimers({ shouldAdvanceTime: true });
    for (const call of ben.transport()!.mediaLinksWith(hostId)) call.fail();
    await waitFor(() => expect(intercepted).toBe(true));
    await vi.advanceTimersByTimeAsync(HOST_CERTIFICATE_PROOF_MS - 1_000);
    expect(notices).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(notices).toEqual([ErrorCode.PeerCheckFailed]);
  });

  it('links a guest back up with someone whose link failed seconds after the others (they dropped him, he still waited)', async () => {
    // Ana joins after Ben: she placed their link, and places it again; Ben waits for it.
    const { network, hana, ana, ben, everyone } = await threeInAMeeting({ benFirst: true });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const offline = ben.transport()!;
    network.unregister(offline);
    for (const link of openLinks(ben, hana)) link.fail();
    for (const call of offline.mediaLinksWith(hana.meeting.selfPeerId)) call.fail();
    await vi.advanceTimersByTimeAsync(3_000);
    for (const link of openLinks(ben, ana)) link.fail();
    for (const call of offline.mediaLinksWith(ana.meeting.selfPeerId)) call.fail();
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS - 5_000);
    network.register(offline);
    offline.events.emit('server-connection', 'connected');
    // The host takes Ben off (Ana drops him); Ben knocks again and is let back in, while his
    // wait for Ana's link has a few seconds left.
    await vi.advanceTimersByTimeAsync(3_000);
    await waitFor(() => expect(seenBy(ben, 'Hana')?.connection).toBe('connected'));
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS);
    await waitFor(() => {
      for (const p of everyone) {
        expect(connections(p)).toEqual(['connected', 'connected', 'connected']);
      }
    });
    const ids = everyone.map((p) => p.meeting.selfPeerId);
    await chats.get(ben)!.send('back with Ana', ids, null);
    await waitFor(() => expect(texts(ana)).toEqual(['back with Ana']));
  });
  it('keeps placing the link between two guests whose path alone is gone for longer than the give-up', async () => {
    const { network, hana, ana, ben, everyone } = await threeInAMeeting();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const [anaId, benId] = [ana.meeting.selfPeerId, ben.meeting.selfPeerId];
    network.setPathCut(anaId, benId, true);
    openLinks(ben, ana)[0]!.fail();
    for (const call of ben.transport()!.mediaLinksWith(anaId)) call.fail();
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS + 5_000);
    // Both still reach the host, who keeps them; they show each other as reconnecting.
    expect(hana.meeting.participants.map((p) => p.connection)).toEqual([
      'connected',
      'connected',
      'connected',
    ]);
    expect(ana.meeting.participants.find((p) => p.name === 'Ben')?.connection).toBe('reconnecting');
    network.setPathCut(anaId, benId, false);
    await vi.advanceTimersByTimeAsync(20_000);
    vi.useRealTimers();
    await waitFor(() => {
      for (const p of everyone) {
        expect(connections(p)).toEqual(['connected', 'connected', 'connected']);
      }
    });
    await chats.get(ben)!.send(
      'through again',
      everyone.map((p) => p.meeting.selfPeerId),
      null,
    );
    await waitFor(() => expect(texts(ana)).toEqual(['through again']));
  });
});
