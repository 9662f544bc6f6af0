import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRoom } from '../chat/chat-room.ts';
import type { DataLink, Fingerprints } from '../signaling/transport.ts';
import { ErrorCode } from '../errors.ts';
import { fakeFingerprint, makePeer, MemoryNetwork, type TestPeer } from '../testing/fixtures.ts';
import type { MemoryDataLink } from '../testing/memory-transport.ts';
import { createHostDescriptor } from './meeting.ts';
import { MemoryMeetingStore } from '../testing/memory-meeting-store.ts';
import { createStoredMeeting } from './host/meeting-store.ts';
import { defaultHostSettings } from './host/admission-settings.ts';
import { DATA_GIVE_UP_MS } from './mesh.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

const chats = new Map<TestPeer, ChatRoom>();

function withChat(peer: TestPeer): TestPeer {
  peer.meeting.events.on('chat', (room) => chats.set(peer, room));
  return peer;
}

const texts = (p: TestPeer) => chats.get(p)!.messages.map((m) => m.text);

/** Hana hosts; Ana, then Ben join (Ben placed the link between the two guests). */
async function threeInAMeeting() {
  const network = new MemoryNetwork();
  const hana = withChat(makePeer(network, { host: await createHostDescriptor() }, 'Hana'));
  await hana.meeting.start();
  const key = await hana.meeting.admission!.issueKey({ label: 'All', role: 'participant' });
  const invite = { ...hana.meeting.invite, accessKey: key.key };
  const ana = withChat(makePeer(network, { invite }, 'Ana'));
  await ana.meeting.start();
  const ben = withChat(makePeer(network, { invite }, 'Ben'));
  await ben.meeting.start();
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

  it('knocks again when the host answers a call placed again with a new certificate (its page restarted)', async () => {
    const network = new MemoryNetwork();
    const store = new MemoryMeetingStore();
    const saved = await createStoredMeeting('Weekly', Date.now());
    await store.add(saved);
    const descriptor = {
      meetingId: saved.meetingId,
      hostKey: saved.hostKey!,
      settings: defaultHostSettings(),
    };
    const startHost = async () => {
      const host = makePeer(network, { host: descriptor, store }, 'Hana');
      await host.meeting.start();
      return host;
    };
    const hana = await startHost();
    const key = await hana.meeting.admission!.issueKey({ label: 'All', role: 'participant' });
    const invite = { ...hana.meeting.invite, accessKey: key.key };
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    const ben = makePeer(network, { invite }, 'Ben');
    await ben.meeting.start();
    await waitFor(() => {
      for (const p of [hana, ana, ben]) {
        expect(connections(p)).toEqual(['connected', 'connected', 'connected']);
      }
    });
    // Ben's links to the host fail; Ben waits for the host to place the data link again.
    for (const link of openLinks(ben, hana)) link.fail();
    for (const call of ben.transport()!.mediaLinksWith(hana.meeting.selfPeerId)) call.fail();
    // Meanwhile the host's page restarts (Ben does not hear its goodbye), with a new certificate.
    hana.meeting.leave({ endForEveryone: false });
    const back = await startHost();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
    // Ben's server connection comes back: his call to the host is placed again, and the host's
    // new certificate is not the one on Ben's roster. Ben knocks again rather than wait forever.
    ben.transport()!.events.emit('server-connection', 'connected');
    await waitFor(() => {
      for (const p of [back, ana, ben]) {
        expect(p.meeting.participants.map((x) => [x.name, x.connection]).sort()).toEqual([
          ['Ana', 'connected'],
          ['Ben', 'connected'],
          ['Hana', 'connected'],
        ]);
      }
    });
  });

  it('links a guest back up with someone whose link failed seconds after the others (they dropped him, he still waited)', async () => {
    const network = new MemoryNetwork();
    const hana = withChat(makePeer(network, { host: await createHostDescriptor() }, 'Hana'));
    await hana.meeting.start();
    const key = await hana.meeting.admission!.issueKey({ label: 'All', role: 'participant' });
    const invite = { ...hana.meeting.invite, accessKey: key.key };
    // Ana joins after Ben: she placed their link, and places it again; Ben waits for it.
    const ben = withChat(makePeer(network, { invite }, 'Ben'));
    await ben.meeting.start();
    const ana = withChat(makePeer(network, { invite }, 'Ana'));
    await ana.meeting.start();
    const everyone = [hana, ana, ben];
    await waitFor(() => {
      for (const p of everyone) {
        expect(connections(p)).toEqual(['connected', 'connected', 'connected']);
      }
    });
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
