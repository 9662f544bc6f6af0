import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, type SigningKeyPair } from '../../crypto/signing.ts';
import { decodeMessage } from '../protocol/codec.ts';
import { peerIdFromKeyDigest } from '../signaling/peer-identity.ts';
import { CHAT_RATE, ChatRoom, isChatMessage, MAX_CHAT_HISTORY } from './chat-room.ts';

const MEETING = '0123456789abcdef0123456789abcdef';

interface Person {
  id: string;
  key: SigningKeyPair;
  room: ChatRoom;
  /** Wire messages this person sent, by recipient. */
  sent: { to: string; raw: string }[];
}

/** People whose rooms deliver to each other while both are `online`, one message at a time. */
class Network {
  readonly people = new Map<string, Person>();
  private readonly offline = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  async join(secret: string, previousSelfIds: string[] = []): Promise<Person> {
    const key = await generateSigningKeyPair();
    const id = peerIdFromKeyDigest(key.digest);
    const person: Person = { id, key, sent: [], room: null as unknown as ChatRoom };
    person.room = new ChatRoom({
      meetingId: MEETING,
      selfPeerId: id,
      selfKey: key,
      memberSecret: secret,
      previousSelfIds,
      log: () => undefined,
      // One instant for everyone: rates here depend on counts, not on how fast the test runs.
      now: () => 1_000_000,
      send: (to, raw) => {
        person.sent.push({ to, raw });
        if (this.offline.has(id) || this.offline.has(to)) return;
        this.deliver(id, to, raw);
      },
    });
    this.people.set(id, person);
    return person;
  }

  deliver(from: string, to: string, raw: string): void {
    this.queue = this.queue.then(async () => {
      const decoded = decodeMessage(raw);
      const target = this.people.get(to);
      if (!decoded.ok || !target || !isChatMessage(decoded.message)) return;
      await target.room.handleMessage(from, decoded.message);
    });
  }

  /** Both ends' links verified (again). */
  async link(a: Person, b: Person): Promise<void> {
    await a.room.handlePeerReady(b.id);
    await b.room.handlePeerReady(a.id);
    await this.settle();
  }

  setOffline(person: Person, offline: boolean): void {
    if (offline) this.offline.add(person.id);
    else this.offline.delete(person.id);
  }

  leave(person: Person): void {
    this.people.delete(person.id);
  }

  ids(): string[] {
    return [...this.people.keys()];
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 20; i += 1) await this.queue;
  }
}

const texts = (p: Person) => p.room.messages.map((m) => m.text);

async function threePeople() {
  const net = new Network();
  const [a, b, c] = [await net.join('sa'), await net.join('sb'), await net.join('sc')];
  await net.link(a, b);
  await net.link(a, c);
  await net.link(b, c);
  return { net, a, b, c };
}

describe('ChatRoom', () => {
  it('everyone sees every message once, in the same order', async () => {
    const { net, a, b, c } = await threePeople();
    await Promise.all([
      a.room.send('hello from a', net.ids(), null),
      b.room.send('hello from b', net.ids(), null),
    ]);
    await net.settle();
    await c.room.send('and c', net.ids(), null);
    await net.settle();
    expect(texts(a)).toHaveLength(3);
    expect(texts(b)).toEqual(texts(a));
    expect(texts(c)).toEqual(texts(a));
    expect(texts(a)[2]).toBe('and c');
  });

  it('a private message goes to its recipient alone', async () => {
    const { net, a, b, c } = await threePeople();
    await a.room.send('just for b', net.ids(), b.id);
    await net.settle();
    expect(a.sent.filter((s) => s.raw.includes('just for b')).map((s) => s.to)).toEqual([b.id]);
    expect(texts(b)).toEqual(['just for b']);
    expect(texts(c)).toEqual([]);
  });

  it('unacknowledged messages go again when the link is back, without duplicates', async () => {
    const { net, a, b, c } = await threePeople();
    net.setOffline(c, true);
    const sent = await a.room.send('while c was away', net.ids(), null);
    await net.settle();
    expect(a.room.awaitingAck(sent.id)).toEqual([c.id]);
    net.setOffline(c, false);
    await net.link(a, c);
    await net.link(a, c);
    expect(texts(c)).toEqual(['while c was away']);
    expect(texts(b)).toEqual(['while c was away']);
    expect(a.room.awaitingAck(sent.id)).toEqual([]);
  });

  it('drops a replay under a new id and a message signed by someone else', async () => {
    const { net, a, b, c } = await threePeople();
    const genuine = await a.room.send('genuine', net.ids(), null);
    await net.settle();
    // c replays a's message as if c sent it, then with a changed text.
    net.deliver(
      c.id,
      b.id,
      JSON.stringify({ t: 'chat', v: 1, m: { ...genuine, id: 'x'.repeat(22) } }),
    );
    const forged = { ...genuine, id: 'y'.repeat(22), from: c.id, spki: c.key.publicKeySpki };
    net.deliver(c.id, b.id, JSON.stringify({ t: 'chat', v: 1, m: forged }));
    await net.settle();
    expect(texts(b)).toEqual(['genuine']);
  });

  it('someone who reloads gets back what they could see, and nothing private to others', async () => {
    const { net, a, b, c } = await threePeople();
    await a.room.send('public one', net.ids(), null);
    await b.room.send('b to a, private', net.ids(), a.id);
    await b.room.send('b to c, private', net.ids(), c.id);
    await net.settle();

    // a reloads: a new peer id and key, the same tab secret, its old id remembered.
    net.leave(a);
    const a2 = await net.join('sa', [a.id]);
    await net.link(a2, b);
    await net.link(a2, c);
    expect(texts(a2).sort()).toEqual(['b to a, private', 'public one']);
    expect(a2.room.isSelf(a.id)).toBe(true);
  });

  it('a stranger with another secret gets no history, and forged history is refused', async () => {
    const { net, a, b } = await threePeople();
    await a.room.send('before you came', net.ids(), null);
    await net.settle();
    const stranger = await net.join('other-secret', [a.id]);
    await net.link(stranger, b);
    expect(texts(stranger)).toEqual([]);

    // b claims history for an id the newcomer never had.
    const newcomer = await net.join('n');
    const history = JSON.stringify({
      t: 'chat-history',
      v: 1,
      previousPeerId: b.id,
      messages: a.room.messages,
    });
    net.deliver(b.id, newcomer.id, history);
    await net.settle();
    expect(texts(newcomer)).toEqual([]);
  });

  it('drops a flood from one peer beyond its rate, and keeps the others', async () => {
    const { net, a, b, c } = await threePeople();
    for (let i = 0; i < CHAT_RATE.burst + 10; i += 1)
      await a.room.send(`flood ${i}`, net.ids(), null);
    await b.room.send('from b', net.ids(), null);
    await net.settle();
    const cTexts = texts(c);
    expect(cTexts.filter((t) => t.startsWith('flood'))).toHaveLength(CHAT_RATE.burst);
    expect(cTexts).toContain('from b');
  });

  it('keeps at most MAX_CHAT_HISTORY messages, in memory and at rest', async () => {
    const key = await generateSigningKeyPair();
    const stored = new Set<string>();
    const room = new ChatRoom({
      meetingId: MEETING,
      selfPeerId: peerIdFromKeyDigest(key.digest),
      selfKey: key,
      memberSecret: 's',
      log: () => undefined,
      send: () => undefined,
      store: {
        put: async (id) => void stored.add(id),
        delete: async (id) => void stored.delete(id),
      },
    });
    for (let i = 0; i < MAX_CHAT_HISTORY + 5; i += 1) await room.send(`m${i}`, [], null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(room.messages).toHaveLength(MAX_CHAT_HISTORY);
    expect(room.messages[0]!.text).toBe('m5');
    expect(stored.size).toBe(MAX_CHAT_HISTORY);
  });
});
