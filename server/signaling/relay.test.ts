import { afterEach, describe, expect, it } from 'vitest';
import { newIdentity } from '../test-support/identity.ts';
import { SignalingClient } from '../test-support/signaling-client.ts';
import { answer, candidate, dataOffer, mediaOffer } from '../test-support/messages.ts';
import { until } from '../test-support/poll.ts';
import {
  registered,
  startRelayTestServer,
  type RelayTestServer,
} from '../test-support/test-server.ts';
import { defaultRelayLimits, type RelayLimits } from './limits.ts';

let server: RelayTestServer;
afterEach(() => server?.close());

function start(limits: Partial<RelayLimits> = {}): Promise<RelayTestServer> {
  return startRelayTestServer({ relayLimits: { ...defaultRelayLimits(), ...limits } });
}

describe('relaying between registered peers', () => {
  it('relays an OFFER re-serialized as {type, src, dst, payload}, then ANSWER and CANDIDATE back', async () => {
    server = await start();
    const alice = await registered(server);
    const bob = await registered(server);
    alice.client.send({ ...dataOffer(bob.id), extra: 'dropped' });
    const offer = await bob.client.waitFor((m) => m.type === 'OFFER', 'offer');
    const { payload } = dataOffer(bob.id) as { payload: object };
    expect(offer).toEqual({ type: 'OFFER', src: alice.id, dst: bob.id, payload });
    bob.client.send(answer(alice.id));
    bob.client.send(candidate(alice.id));
    await alice.client.waitFor((m) => m.type === 'CANDIDATE', 'candidate');
    expect(alice.client.received.map((m) => m.type)).toEqual(['OPEN', 'ANSWER', 'CANDIDATE']);
    expect(alice.client.received[1]).toMatchObject({ src: bob.id, dst: alice.id });
  });

  it('relays ANSWER and CANDIDATE only within a connection an OFFER opened between the same two ids', async () => {
    server = await start();
    const [alice, bob, mallory] = await Promise.all([
      registered(server),
      registered(server),
      registered(server),
    ]);
    alice.client.send(mediaOffer(bob.id, 'mc_shared1', { any: ['json', 1] }));
    await bob.client.waitFor((m) => m.type === 'OFFER', 'offer');
    // Mallory knows the connectionId but is not part of the connection.
    mallory.client.send(candidate(alice.id, 'mc_shared1'));
    mallory.client.send(answer(bob.id, 'mc_shared1'));
    // Nor does a connectionId nobody offered work between the two.
    bob.client.send(candidate(alice.id, 'mc_neveroffered'));
    bob.client.send(candidate(alice.id, 'mc_shared1'));
    await alice.client.waitFor((m) => m.type === 'CANDIDATE', 'candidate from bob');
    await until(() => server.relay.stats().dropped['no-such-connection'] === 3, 'three drops');
    expect(alice.client.ofType('CANDIDATE')).toEqual([
      expect.objectContaining({
        src: bob.id,
        payload: expect.objectContaining({ connectionId: 'mc_shared1' }),
      }),
    ]);
    expect(bob.client.ofType('ANSWER')).toEqual([]);
    expect(mallory.client.closed).toBe(false);
  });

  it('closes sockets that stay silent for more than 60 s', async () => {
    server = await start();
    const quiet = await registered(server);
    const talkative = await registered(server);
    server.clock.advance(59_000);
    talkative.client.send({ type: 'HEARTBEAT' });
    // Frames are read in order: once the offer arrives, the heartbeat was read.
    talkative.client.send(dataOffer(quiet.id));
    await quiet.client.waitFor((m) => m.type === 'OFFER', 'offer after the heartbeat');
    server.clock.advance(2_000);
    await until(() => quiet.client.closed, 'silent socket closed');
    expect(talkative.client.closed).toBe(false);
  });
});

describe('a destination that stops reading', () => {
  it('gets nothing more past its send buffer, is never closed for it, and reads on later', async () => {
    // Every sender is on 127.0.0.1: the per-address OFFER rate is not what this is about.
    server = await start({
      maxBufferedBytes: 256 * 1024,
      offersPerAddressToDestination: { perSecond: 1000, burst: 1000 },
    });
    const slow = await registered(server);
    slow.client.ws.pause();
    const sdp = 'a'.repeat(60 * 1024);
    const senders = await Promise.all(Array.from({ length: 16 }, () => registered(server)));
    let sent = 0;
    for (const [s, sender] of senders.entries()) {
      for (let i = 0; i < 8; i++) sender.client.send(dataOffer(slow.id, `dc_s${s}m${i}`, sdp));
      sent += 8;
    }
    const handled = () => {
      const stats = server.relay.stats();
      return stats.relayed + stats.dropped['destination-busy'] + stats.dropped['socket-rate'];
    };
    await until(() => handled() === sent, 'every message relayed or dropped');
    expect(server.relay.stats().dropped['destination-busy']).toBeGreaterThan(0);
    slow.client.ws.resume();
    const friend = await registered(server);
    await until(
      () => slow.client.ofType('OFFER').length === server.relay.stats().relayed,
      'drained',
    );
    friend.client.send(dataOffer(slow.id, 'dc_later'));
    await slow.client.waitFor((m) => m.src === friend.id, 'a later message');
    expect(slow.client.closed).toBe(false);
  });
});

describe('attack: deeply nested JSON', () => {
  it('closes the sender and never the destination', async () => {
    server = await start();
    const victim = await registered(server);
    const attacker = await registered(server);
    const depth = 6000;
    attacker.client.send(
      `{"type":"OFFER","dst":"${victim.id}","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    await until(() => attacker.client.closed, 'attacker closed');
    expect(attacker.client.closeCode).toBe(1008);
    const friend = await registered(server);
    friend.client.send(dataOffer(victim.id));
    await victim.client.waitFor((m) => m.type === 'OFFER' && m.src === friend.id, 'later offer');
    expect(victim.client.closed).toBe(false);
  });
});

describe('attack: squatting an id', () => {
  it('refuses a client without a valid token for the id: ERROR, then close', async () => {
    server = await start();
    const origin = server.publicOrigins[0]!;
    const [owner, other] = await Promise.all([newIdentity(), newIdentity()]);
    const now = server.clock.time;
    const attempts = {
      'no proof': 't0k3n',
      "another key's token": await other.token(origin, now),
      'a token for another server': await owner.token('https://evil.example', now),
    };
    for (const [what, token] of Object.entries(attempts)) {
      const client = server.connect({ id: owner.id, token });
      expect(await client.settled(), what).toBe('ERROR');
      expect(client.received[0]!.payload!.msg, what).toMatch(/^Invalid token: /);
      await until(() => client.closed, `${what}: closed`);
    }
    const bogusId = server.connect({ id: 'cvg-squatter', token: await owner.token(origin, now) });
    expect(await bogusId.settled()).toBe('ERROR');
    expect(server.relay.stats().registered).toBe(0);
  });

  it('refuses any key but the PeerJS default, and ids that are not bound to a key', async () => {
    server = await start();
    const owner = await newIdentity();
    const token = await owner.token(server.publicOrigins[0]!, server.clock.time);
    const query = new URLSearchParams({ key: 'other', id: owner.id, token });
    const wrongKey = new SignalingClient(server.url, {
      id: owner.id,
      token,
      origin: server.publicOrigins[0],
      path: `/peerjs/peerjs?${query}`,
    });
    expect(await wrongKey.settled()).toBe('ERROR');
    expect(wrongKey.received[0]!.payload!.msg).toBe('Invalid key provided');
    const unbound = server.connect({ id: 'cvg-not-bound', token });
    expect(await unbound.settled()).toBe('ERROR');
    expect(unbound.received[0]!.payload!.msg).toMatch(/^Invalid id/);
  });

  it('tells a person whose clock is off that their clock is off', async () => {
    server = await start();
    const owner = await newIdentity();
    const token = await owner.token(server.publicOrigins[0]!, server.clock.time - 11 * 60_000);
    const client = server.connect({ id: owner.id, token });
    expect(await client.settled()).toBe('ERROR');
    expect(client.received[0]!.payload!.msg).toMatch(/clock is off/);
  });

  it('lets no replayed token (same or older time) take over a held id', async () => {
    server = await start();
    const origin = server.publicOrigins[0]!;
    const owner = await newIdentity();
    const now = server.clock.time;
    const olderToken = await owner.token(origin, now - 1000);
    const holder = server.connect({ id: owner.id, token: await owner.token(origin, now) });
    expect(await holder.settled()).toBe('OPEN');
    for (const token of [new URL(holder.ws.url).searchParams.get('token')!, olderToken]) {
      const replay = server.connect({ id: owner.id, token });
      expect(await replay.settled()).toBe('ID-TAKEN');
      await until(() => replay.closed, 'replay closed');
    }
    const friend = await registered(server);
    friend.client.send(dataOffer(owner.id));
    await holder.waitFor((m) => m.type === 'OFFER', 'holder still gets messages');
    expect(holder.closed).toBe(false);
  });

  it('refuses a token seen before once the id is free again, from any address', async () => {
    server = await start();
    const origin = server.publicOrigins[0]!;
    const owner = await newIdentity();
    const token = await owner.token(origin, server.clock.time);
    const first = server.connect({ id: owner.id, token, localAddress: '127.0.0.5' });
    expect(await first.settled()).toBe('OPEN');
    first.close();
    await until(() => server.relay.stats().registered === 0, 'id free');
    server.clock.advance(60_000);
    const replay = server.connect({ id: owner.id, token, localAddress: '127.0.0.6' });
    expect(await replay.settled()).toBe('ERROR');
    expect(replay.received[0]!.payload!.msg).toBe('Invalid token: replayed');
    await until(() => replay.closed, 'replay closed');
    const fresh = server.connect({
      id: owner.id,
      token: await owner.token(origin, server.clock.time),
    });
    expect(await fresh.settled()).toBe('OPEN');
  });

  it('hands the id to a newer token from the key holder and tells the old socket ID-TAKEN', async () => {
    server = await start();
    const origin = server.publicOrigins[0]!;
    const owner = await newIdentity();
    const friend = await registered(server);
    const old = server.connect({
      id: owner.id,
      token: await owner.token(origin, server.clock.time),
    });
    expect(await old.settled()).toBe('OPEN');
    server.clock.advance(1000);
    const reclaimed = server.connect({
      id: owner.id,
      token: await owner.token(origin, server.clock.time),
    });
    expect(await reclaimed.settled()).toBe('OPEN');
    await until(() => old.closed, 'old socket closed');
    // So a second tab with the same key stops reconnecting instead of taking the id back.
    expect(old.received).toEqual([
      { type: 'OPEN' },
      { type: 'ID-TAKEN', payload: { msg: 'ID is taken' } },
    ]);
    friend.client.send(dataOffer(owner.id));
    await reclaimed.waitFor((m) => m.type === 'OFFER', 'offer reaches the new socket');
    expect(friend.client.ofType('LEAVE')).toEqual([]);
  });
});

describe('attack: message flood at a victim', () => {
  it('relays at most the budget, closes the flooder, and the victim and others keep working', async () => {
    const limits = defaultRelayLimits();
    server = await start();
    const victim = await registered(server);
    const flooder = await registered(server);
    flooder.client.send(dataOffer(victim.id, 'dc_flood'));
    // The test clock stands still, so no bucket refills: the budget is the burst.
    for (let i = 0; i < 2000; i++) flooder.client.send(candidate(victim.id, 'dc_flood'));
    await until(() => flooder.client.closed, 'flooder closed');
    expect(flooder.client.closeCode).toBe(1008);

    const friend = await registered(server);
    friend.client.send(dataOffer(victim.id, 'dc_friend'));
    await victim.client.waitFor((m) => m.src === friend.id, 'victim still receives');
    const fromFlooder = victim.client.received.filter((m) => m.src === flooder.id).length;
    expect(fromFlooder).toBeGreaterThan(0);
    expect(fromFlooder).toBeLessThanOrEqual(limits.messagesPerPair.burst);
    expect(victim.client.closed).toBe(false);

    const other = await registered(server);
    other.client.send(dataOffer(friend.id));
    await friend.client.waitFor((m) => m.src === other.id, 'others still talk');
  });
});

describe('attack: OFFERs from many ids on one address', () => {
  it('relays at most the per-address budget to one victim; another address still gets through', async () => {
    const { burst } = defaultRelayLimits().offersPerAddressToDestination;
    server = await start();
    const victim = await registered(server);
    const flood = await Promise.all(
      Array.from({ length: 20 }, () => registered(server, { localAddress: '127.0.0.7' })),
    );
    // The test clock stands still, so the address's bucket never refills: the budget is the burst.
    for (const [i, sender] of flood.entries()) {
      for (let j = 0; j < 3; j++) sender.client.send(dataOffer(victim.id, `dc_f${i}n${j}`));
    }
    const handled = () => {
      const stats = server.relay.stats();
      return stats.relayed + stats.dropped['address-offer-rate'];
    };
    await until(() => handled() === 60, 'every OFFER relayed or dropped');
    expect(burst).toBeLessThan(60);
    expect(server.relay.stats().relayed).toBe(burst);
    const newcomer = await registered(server, { localAddress: '127.0.0.1' });
    newcomer.client.send(dataOffer(victim.id, 'dc_real'));
    await victim.client.waitFor((m) => m.src === newcomer.id, 'a real newcomer gets through');
    // Relayed in order on one socket: everything from the flood arrived before the newcomer's.
    expect(victim.client.ofType('OFFER')).toHaveLength(burst + 1);
    expect(victim.client.closed).toBe(false);
  });
});

describe('attack: OFFERs that open connections across the whole server', () => {
  it('drops OFFERs past the server-wide cap as too-many-connections', async () => {
    server = await start({ maxConnections: 2 });
    const victim = await registered(server);
    const senders = await Promise.all([registered(server), registered(server), registered(server)]);
    for (const [i, sender] of senders.entries())
      sender.client.send(dataOffer(victim.id, `dc_c${i}`));
    await until(() => server.relay.stats().dropped['too-many-connections'] === 1, 'one dropped');
    expect(server.relay.stats().openConnections).toBe(2);
    expect(server.relay.stats().relayed).toBe(2);
  });
});

describe('attack: large messages to ids nobody holds', () => {
  it('keeps the queued bytes under the server-wide cap', async () => {
    const queue = { ...defaultRelayLimits().queue, totalBytes: 512 * 1024 };
    server = await start({ queue });
    const senders = await Promise.all([registered(server), registered(server), registered(server)]);
    const sdp = 'a'.repeat(60 * 1024);
    let sent = 0;
    for (const sender of senders) {
      for (let i = 0; i < 8; i++) {
        const absent = await newIdentity();
        sender.client.send(dataOffer(absent.id, `dc_big${i}`, sdp));
        sent++;
      }
    }
    const handled = () => {
      const stats = server.relay.stats();
      return stats.queuedMessages + stats.dropped['queue-full'] + stats.dropped['socket-rate'];
    };
    await until(() => handled() === sent, 'every message queued or dropped');
    const stats = server.relay.stats();
    expect(stats.dropped['queue-full']).toBeGreaterThan(0);
    expect(stats.queuedBytes).toBeLessThanOrEqual(queue.totalBytes);
  });

  it('lets one address fill only its share of the queue; another address still queues', async () => {
    const queue = {
      ...defaultRelayLimits().queue,
      totalBytes: 512 * 1024,
      bytesPerAddress: 128 * 1024,
    };
    server = await start({ queue });
    const flooder = await registered(server, { localAddress: '127.0.0.8' });
    const other = await registered(server, { localAddress: '127.0.0.9' });
    const sdp = 'a'.repeat(60 * 1024);
    for (let i = 0; i < 8; i++) {
      flooder.client.send(dataOffer((await newIdentity()).id, `dc_big${i}`, sdp));
    }
    await until(
      () => server.relay.stats().dropped['queue-full'] === 6,
      'flood past its share dropped',
    );
    expect(server.relay.stats().queuedMessages).toBe(2);
    other.client.send(dataOffer((await newIdentity()).id, 'dc_other', sdp));
    await until(
      () => server.relay.stats().queuedMessages === 3,
      "the other address's message queued",
    );
    expect(server.relay.stats().dropped['queue-full']).toBe(6);
  });

  it('bounds the queue per destination', async () => {
    const queue = defaultRelayLimits().queue;
    server = await start();
    const sender = await registered(server);
    const absent = await newIdentity();
    const total = queue.messagesPerDestination + 10;
    sender.client.send(dataOffer(absent.id, 'dc_q'));
    for (let i = 1; i < total; i++) sender.client.send(candidate(absent.id, 'dc_q'));
    await until(
      () => server.relay.stats().dropped['queue-full'] === total - queue.messagesPerDestination,
      'queue full',
    );
    expect(server.relay.stats().queuedMessages).toBe(queue.messagesPerDestination);
  });

  it('delivers queued messages after OPEN when the id registers in time', async () => {
    server = await start();
    const sender = await registered(server);
    const late = await newIdentity();
    sender.client.send(dataOffer(late.id));
    await until(() => server.relay.stats().queuedMessages === 1, 'queued');
    const token = await late.token(server.publicOrigins[0]!, server.clock.time);
    const client = server.connect({ id: late.id, token });
    await client.waitFor((m) => m.type === 'OFFER', 'queued offer');
    expect(client.received.map((m) => m.type)).toEqual(['OPEN', 'OFFER']);
  });

  it('tells the sender EXPIRE once per pair after 5 s, as stock PeerServer does', async () => {
    server = await start();
    const sender = await registered(server);
    const absent = await newIdentity();
    sender.client.send(dataOffer(absent.id));
    sender.client.send(candidate(absent.id));
    sender.client.send(candidate(absent.id));
    await until(() => server.relay.stats().queuedMessages === 3, 'queued');
    server.clock.advance(5_000);
    const expire = await sender.client.waitFor((m) => m.type === 'EXPIRE', 'EXPIRE');
    expect(expire).toEqual({ type: 'EXPIRE', src: absent.id, dst: sender.id });
    expect(server.relay.stats().queuedMessages).toBe(0);
    // A round trip through the relay: anything else for this pair would have arrived by now.
    const echo = await registered(server);
    echo.client.send(dataOffer(sender.id));
    await sender.client.waitFor((m) => m.src === echo.id, 'round trip');
    expect(sender.client.ofType('EXPIRE')).toHaveLength(1);
  });
});

describe('attack: malformed frames', () => {
  it('closes the socket after a few bad frames and logs a bounded number of lines', async () => {
    server = await start();
    const sender = await registered(server);
    for (let i = 0; i < 20; i++) sender.client.send('abcd');
    await until(() => sender.client.closed, 'closed');
    expect(sender.client.closeCode).toBe(1008);
    expect(server.logLines.length).toBeGreaterThanOrEqual(1);
    expect(server.logLines.length).toBeLessThanOrEqual(2);
  });

  it('counts as bad every type a client may not send, and anything that is not a PeerJS message', async () => {
    server = await start({ maxBadFrames: 1000 });
    const sender = await registered(server);
    const victim = await registered(server);
    const bad: Array<object | string> = [
      { type: 'LEAVE', dst: victim.id },
      { type: 'EXPIRE', dst: victim.id },
      { type: 'OPEN' },
      { type: 'WHATEVER', dst: victim.id, payload: {} },
      '[1,2]',
      '"text"',
      { ...dataOffer(victim.id), dst: 'not-an-id' },
      dataOffer(sender.id),
      { ...dataOffer(victim.id, 'dc_BAD!') },
      {
        type: 'OFFER',
        dst: victim.id,
        payload: {
          ...(dataOffer(victim.id) as { payload: object }).payload,
          serialization: 'evil',
        },
      },
    ];
    for (const frame of bad) sender.client.send(frame);
    await until(() => server.relay.stats().badFrames === bad.length, 'all counted');
    expect(victim.client.received.map((m) => m.type)).toEqual(['OPEN']);
  });
});
