import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRoom } from '../chat/chat-room.ts';
import { ErrorCode } from '../errors.ts';
import { fakeFingerprint, makePeer, MemoryNetwork, type TestPeer } from '../testing/fixtures.ts';
import type { MemoryDataLink } from '../testing/memory-transport.ts';
import { createHostDescriptor } from './meeting.ts';
import { DATA_GIVE_UP_MS } from './mesh.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

interface Person {
  peer: TestPeer;
  chat: () => ChatRoom;
  id: () => string;
}

function person(peer: TestPeer): Person {
  let chat: ChatRoom | null = null;
  peer.meeting.events.on('chat', (room) => (chat = room));
  return { peer, chat: () => chat!, id: () => peer.meeting.selfPeerId };
}

/** Hana hosts; Ana, then Ben join (Ben opened the link between the two guests). */
async function threeInAMeeting() {
  const network = new MemoryNetwork();
  const hana = person(makePeer(network, { host: await createHostDescriptor() }, 'Hana'));
  await hana.peer.meeting.start();
  const key = await hana.peer.meeting.admission!.issueKey({ label: 'All', role: 'participant' });
  const invite = { ...hana.peer.meeting.invite, accessKey: key.key };
  const ana = person(makePeer(network, { invite }, 'Ana'));
  await ana.peer.meeting.start();
  const ben = person(makePeer(network, { invite }, 'Ben'));
  await ben.peer.meeting.start();
  const everyone = [hana, ana, ben];
  await allConnected(everyone);
  return { network, hana, ana, ben, everyone };
}

/** Each of the three sees all three connected. */
const allConnected = (everyone: Person[]) =>
  waitFor(() => {
    for (const p of everyone) {
      expect(p.peer.meeting.participants.map((x) => x.connection)).toEqual([
        'connected',
        'connected',
        'connected',
      ]);
    }
  });

/** The one open data link between two people, at `self`'s side. */
function dataLink(self: Person, other: Person): MemoryDataLink {
  const open = self.peer
    .transport()!
    .dataLinksWith(other.id())
    .filter((l) => !l.isClosed);
  expect(open).toHaveLength(1);
  return open[0]!;
}

const seenBy = (self: Person, name: string) =>
  self.peer.meeting.participants.find((p) => p.name === name);

const texts = (p: Person) => p.chat().messages.map((m) => m.text);

describe('data links through a network outage', () => {
  afterEach(() => vi.useRealTimers());

  it('places failed data links again, verifies them, and chat, camera state and rosters flow again', async () => {
    const { hana, ana, ben, everyone } = await threeInAMeeting();
    const [toHana, toAna] = [dataLink(ben, hana), dataLink(ben, ana)];
    toHana.fail();
    toAna.fail();
    // Ben stays in the meeting, shown as reconnecting meanwhile.
    expect(seenBy(hana, 'Ben')?.connection).toBe('reconnecting');
    expect(seenBy(ben, 'Hana')?.connection).toBe('reconnecting');
    expect(seenBy(ana, 'Ben')?.connection).toBe('reconnecting');
    // What happens meanwhile reaches Ben once he is back.
    await hana.chat().send('while Ben was away', [hana.id(), ana.id(), ben.id()], null);
    ana.peer.media.toggle('video', false);
    await hana.peer.meeting.setRole(ana.id(), 'viewer');

    await allConnected(everyone);
    // The host placed its link again; between guests, the one who placed the first.
    const fromHana = dataLink(hana, ben);
    expect(hana.peer.transport()!.dataLinks).toContain(fromHana);
    expect(ben.peer.transport()!.dataLinks).toContain(dataLink(ben, ana));
    expect(hana.peer.meeting.participants.map((p) => p.name)).toEqual(['Hana', 'Ana', 'Ben']);
    await waitFor(() => expect(texts(ben)).toEqual(['while Ben was away']));
    await waitFor(() => expect(seenBy(ben, 'Ana')?.videoOn).toBe(false));
    await waitFor(() => expect(seenBy(ben, 'Ana')?.role).toBe('viewer'));
    expect(ben.peer.meeting.rosterVersion).toBe(hana.peer.meeting.rosterVersion);
    await ben.chat().send('back again', [hana.id(), ana.id(), ben.id()], null);
    await waitFor(() => expect(texts(hana)).toEqual(['while Ben was away', 'back again']));
    await waitFor(() => expect(texts(ana)).toEqual(['while Ben was away', 'back again']));
    expect(ben.peer.meeting.state.phase).toBe('in-meeting');
  });

  it('checks the new link against the roster: a man in the middle gets nothing', async () => {
    const { network, hana, ben } = await threeInAMeeting();
    const notices: string[] = [];
    hana.peer.meeting.events.on('notice', (error) => notices.push(error.code));
    network.interceptFingerprint = () => fakeFingerprint();
    dataLink(ben, hana).fail();
    await waitFor(() => expect(notices).toContain(ErrorCode.PeerCheckFailed));
    // The host placed the link again, found the wrong certificate on it, closed it, sent nothing.
    const placed = hana.peer.transport()!.dataLinks.filter((l) => l.remotePeerId === ben.id());
    expect(placed).toHaveLength(1);
    expect(placed[0]!.isClosed).toBe(true);
    expect(placed[0]!.sent).toEqual([]);
    expect(seenBy(hana, 'Ben')?.connection).not.toBe('connected');
  });

  it('gives up on someone who does not come back: the host takes them off the roster', async () => {
    const { network, hana, ana, ben } = await threeInAMeeting();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    network.unregister(ben.peer.transport()!);
    dataLink(ben, hana).fail();
    dataLink(ben, ana).fail();
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS / 2);
    expect(seenBy(hana, 'Ben')?.connection).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS / 2 + 1_000);
    await waitFor(() => expect(seenBy(hana, 'Ben')).toBeUndefined());
    await waitFor(() => expect(seenBy(ana, 'Ben')).toBeUndefined());
    // No one calls him any more.
    const placed = hana.peer.transport()!.dataLinks.length;
    await vi.advanceTimersByTimeAsync(DATA_GIVE_UP_MS);
    expect(hana.peer.transport()!.dataLinks).toHaveLength(placed);
  });
});
