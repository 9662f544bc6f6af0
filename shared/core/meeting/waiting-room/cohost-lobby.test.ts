// Co-hosts and the lobby, with in-memory peers: what they see of each knock, what their
// decisions do, and what the host refuses.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../errors.ts';
import { decodeMessage, encodeMessage } from '../../protocol/codec.ts';
import { MAX_NAME_LENGTH } from '../../protocol/limits.ts';
import { MAX_KEY_LABEL_LENGTH, MAX_LOBBY, MAX_MESSAGE_CHARS } from '../../protocol/schemas.ts';
import {
  commandSignedBy,
  idOf,
  logged,
  seenBy,
  sendAs,
  threeInAMeeting,
} from '../../testing/commands.ts';
import { makePeer, type TestPeer } from '../../testing/fixtures.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

/** The lobby lists `peer` receives from `from` from now on, exactly as sent. */
function tapLobbyLists(peer: TestPeer, from: TestPeer): string[] {
  const lists: string[] = [];
  for (const link of peer.transport()!.dataLinksWith(idOf(from))) {
    link.events.on('message', (raw) => {
      const result = decodeMessage(raw);
      if (result.ok && result.message.t === 'lobby') lists.push(String(raw));
    });
  }
  return lists;
}

/** Hana hosts, Ben is her co-host, Ana a participant; `knock` sends a guest to the lobby. */
async function meetingWithCoHost() {
  const scene = await threeInAMeeting();
  const { network, host, ana, ben, lobbyInvite } = scene;
  await host.meeting.setRole(idOf(ben), 'co-host');
  await waitFor(() => expect(ben.meeting.selfRole).toBe('co-host'));
  const knock = async (name: string) => {
    const guest = makePeer(network, { invite: lobbyInvite }, name);
    const joined = guest.meeting.start();
    await waitFor(() => expect(guest.meeting.state.phase).toBe('in-lobby'));
    return { guest, joined };
  };
  const entryOf = (name: string) => {
    const entry = ben.meeting.waitingRoom.waiting.find((e) => e.name === name);
    if (!entry) throw new Error(`${name} is not on Ben's list`);
    return entry;
  };
  return { ...scene, host, ana, ben, knock, entryOf };
}

describe('co-hosts and the lobby', () => {
  it('shows a co-host each knock (name, key label, proof, never who) and lets them admit it', async () => {
    const scene = await threeInAMeeting();
    const { network, host, ana, ben, lobbyInvite } = scene;
    const listsToBen = tapLobbyLists(ben, host);
    const listsToAna = tapLobbyLists(ana, host);
    // Gus knocks while Ben is still a participant: Ben learns of him on becoming co-host.
    const gus = makePeer(network, { invite: lobbyInvite }, 'Gus');
    const gusJoined = gus.meeting.start();
    await waitFor(() => expect(gus.meeting.state.phase).toBe('in-lobby'));
    expect(ben.meeting.waitingRoom.waiting).toEqual([]);
    await host.meeting.setRole(idOf(ben), 'co-host');
    await waitFor(() =>
      expect(ben.meeting.waitingRoom.waiting).toEqual([
        { id: expect.any(String), name: 'Gus', keyLabel: null, reason: 'waiting' },
      ]),
    );
    // A knock while Ben is co-host reaches him too: Gia's personal link is used up.
    const doctor = await host.meeting.admission!.issueKey({
      label: 'doctor',
      role: 'participant',
      maxUses: 0,
    });
    const gia = makePeer(network, { invite: { ...lobbyInvite, accessKey: doctor.key } }, 'Gia');
    void gia.meeting.start();
    await waitFor(() =>
      expect(ben.meeting.waitingRoom.waiting[1]).toMatchObject({
        name: 'Gia',
        keyLabel: 'doctor',
        reason: 'key-refused',
      }),
    );

    const [entry] = ben.meeting.waitingRoom.waiting;
    ben.meeting.waitingRoom.admit(entry!.id);
    await gusJoined;
    expect(gus.meeting.state.phase).toBe('in-meeting');
    for (const peer of [host, ana, ben]) {
      await waitFor(() => expect(seenBy(peer, 'Gus')?.connection).toBe('connected'));
    }
    await logged(host, 'admitted Gus (admitted by Ben)');
    await waitFor(() =>
      expect(ben.meeting.waitingRoom.waiting.map((e) => e.name)).toEqual(['Gia']),
    );
    expect(host.meeting.waitingRoom.waiting.map((e) => e.name)).toEqual(['Gia']);

    // Nothing Ben was sent names the guests in the lobby: no peer id, no fingerprint.
    expect(listsToBen.length).toBeGreaterThanOrEqual(3);
    const sentToBen = listsToBen.join('\n');
    for (const guest of [gus, gia]) {
      expect(sentToBen).not.toContain(idOf(guest));
      expect(sentToBen).not.toContain(guest.transport()!.localFingerprint);
    }
    // A participant is told nothing of the lobby.
    expect(listsToAna).toEqual([]);
    expect(ana.meeting.waitingRoom.waiting).toEqual([]);
  });

  it('lets a co-host deny a knock, and admit or deny everyone waiting', async () => {
    const { host, ben, knock, entryOf } = await meetingWithCoHost();
    const gus = await knock('Gus');
    await waitFor(() => entryOf('Gus'));
    ben.meeting.waitingRoom.deny(entryOf('Gus').id);
    await gus.joined;
    expect(gus.guest.meeting.state.error?.code).toBe(ErrorCode.Denied);
    await logged(host, 'denied Gus (denied by Ben)');

    const [gia, ivo] = await Promise.all([knock('Gia'), knock('Ivo')]);
    await waitFor(() => expect(ben.meeting.waitingRoom.waiting).toHaveLength(2));
    ben.meeting.waitingRoom.admitAll();
    await Promise.all([gia.joined, ivo.joined]);
    expect([gia, ivo].map((g) => g.guest.meeting.state.phase)).toEqual([
      'in-meeting',
      'in-meeting',
    ]);

    const [jo, kai] = await Promise.all([knock('Jo'), knock('Kai')]);
    await waitFor(() => expect(ben.meeting.waitingRoom.waiting).toHaveLength(2));
    ben.meeting.waitingRoom.denyAll();
    await Promise.all([jo.joined, kai.joined]);
    expect([jo, kai].map((g) => g.guest.meeting.state.error?.code)).toEqual([
      ErrorCode.Denied,
      ErrorCode.Denied,
    ]);
    expect(host.meeting.waitingRoom.waiting).toEqual([]);
  });

  it("refuses a participant's forged list and admit, a replayed one, and one naming no knock", async () => {
    const { host, ana, ben, knock, entryOf, invite } = await meetingWithCoHost();
    const gus = await knock('Gus');
    await waitFor(() => entryOf('Gus'));
    const { id } = entryOf('Gus');

    // Only the host's list counts: one from Ana changes nothing on Ben's screen.
    const fake = { id, name: 'Mallory', keyLabel: 'doctor', reason: 'waiting' as const };
    sendAs(ana, ben, encodeMessage('lobby', { entries: [fake] }));
    await logged(ben, `ignored a lobby list from ${idOf(ana)}`);
    expect(ben.meeting.waitingRoom.waiting.map((e) => e.name)).toEqual(['Gus']);
    // Ana is a participant: her own correctly signed admit is still not hers to give.
    sendAs(ana, host, await commandSignedBy(ana, invite.meetingId, { kind: 'admit', entry: id }));
    await logged(host, 'admit from participant');
    // A knock no list ever showed.
    const unknown = 'A'.repeat(22);
    sendAs(
      ben,
      host,
      await commandSignedBy(ben, invite.meetingId, { kind: 'admit', entry: unknown }),
    );
    await logged(host, 'ignored admit from Ben: nobody waits under that entry');
    // Ben's real admit, then the very same message again after Gus has gone: refused unseen.
    const admit = await commandSignedBy(ben, invite.meetingId, { kind: 'deny', entry: id });
    sendAs(ben, host, admit);
    await gus.joined;
    expect(gus.guest.meeting.state.error?.code).toBe(ErrorCode.Denied);
    const gia = await knock('Gia');
    await waitFor(() => entryOf('Gia'));
    sendAs(ben, host, admit);
    await logged(host, 'replayed');
    // Nothing was decided for anyone: Gia still waits, and everyone is still here.
    expect(host.meeting.waitingRoom.waiting.map((e) => e.name)).toEqual(['Gia']);
    expect(gia.guest.meeting.state.phase).toBe('in-lobby');
    expect(host.meeting.participants.map((p) => p.name).sort()).toEqual(['Ana', 'Ben', 'Hana']);
  });

  it('stops sharing the lobby with a co-host made participant, and refuses their admit', async () => {
    const { host, ben, knock, entryOf, invite } = await meetingWithCoHost();
    const gus = await knock('Gus');
    await waitFor(() => entryOf('Gus'));
    const { id } = entryOf('Gus');
    await host.meeting.setRole(idOf(ben), 'participant');
    await waitFor(() => expect(ben.meeting.waitingRoom.waiting).toEqual([]));
    // Ben's client no longer offers it; a modified one signs it anyway.
    ben.meeting.waitingRoom.admit(id);
    sendAs(ben, host, await commandSignedBy(ben, invite.meetingId, { kind: 'admit', entry: id }));
    await logged(host, 'admit from participant');
    expect(gus.guest.meeting.state.phase).toBe('in-lobby');
    expect(host.meeting.waitingRoom.waiting.map((e) => e.name)).toEqual(['Gus']);
  });

  it('fits a full lobby of the longest names and labels in one message', () => {
    // Quotes cost two characters each in JSON: the worst a name or label can do.
    const entries = Array.from({ length: MAX_LOBBY }, (_, i) => ({
      id: `${i}`.padStart(22, 'x'),
      name: '"'.repeat(MAX_NAME_LENGTH),
      keyLabel: '\\'.repeat(MAX_KEY_LABEL_LENGTH),
      reason: 'wrong-password' as const,
    }));
    const text = encodeMessage('lobby', { entries });
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(decodeMessage(text)).toMatchObject({ ok: true, message: { entries } });
    const tooMany = encodeMessage('lobby', { entries: [...entries, entries[0]!] });
    expect(decodeMessage(tooMany).ok).toBe(false);
  });
});
