// Who gets in: the lobby, passwords and access keys, with in-memory peers and raw clients.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode, type ConclaveError } from '../errors.ts';
import { hmac } from '../../crypto/hmac.ts';
import { randomBytes } from '../../crypto/random.ts';
import type { Credential, WireMessage } from '../protocol/schemas.ts';
import { admitProofMessage } from '../protocol/transcript.ts';
import {
  FakeMedia,
  fakeFingerprint,
  makePeer,
  MemoryNetwork,
  startHostAndInvite,
  type TestPeer,
} from '../testing/fixtures.ts';
import { rawGuest } from '../testing/raw-guest.ts';
import { passwordCredential, keyCredential } from './guest/admission-credential.ts';
import { MAX_KNOCKS_PER_WINDOW } from './host/admission-guard.ts';
import type { AdmissionAlert } from './host/admission-desk.ts';
import {
  defaultHostSettings,
  makePasswordVerifier,
  type PasswordVerifier,
} from './host/admission-settings.ts';
import type { Invite } from './invite.ts';
import { MAX_PENDING_MEDIA } from './mesh.ts';

const waitFor = (check: () => void, timeout = 5000) => vi.waitFor(check, { timeout, interval: 5 });
const PASSWORD = 'amber-quartz-7';

/** Types each password in turn whenever the meeting asks for one. */
function typePasswords(peer: TestPeer, passwords: (string | null)[]) {
  peer.meeting.events.on('state', (state) => {
    if (state.lobby?.askingPassword && passwords.length > 0) {
      peer.meeting.submitPassword(passwords.shift()!);
    }
  });
}

/**
 * What a wrong password's proof is to the host: a tag under some other key. Made without
 * PBKDF2's 600,000 rounds, which only the right password's proof needs here.
 */
async function wrongPasswordProof(transcript: string): Promise<Credential> {
  return { kind: 'password', proof: await hmac(randomBytes(32), admitProofMessage(transcript)) };
}

const names = (peer: TestPeer) => peer.meeting.participants.map((p) => p.name);

describe('admission: the lobby', () => {
  it('holds a guest with the bare link in the lobby until the host admits them', async () => {
    const network = new MemoryNetwork();
    const { host, desk, lobbyInvite } = await startHostAndInvite(network);
    const knocks: string[] = [];
    desk.events.on('knock', (entry) => knocks.push(entry.name));
    const ana = makePeer(network, { invite: lobbyInvite }, 'Ana');
    const joined = ana.meeting.start();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-lobby'));
    expect(ana.meeting.state.lobby?.reason).toBe('waiting');
    expect(knocks).toEqual(['Ana']);
    expect(desk.waiting).toMatchObject([{ name: 'Ana', keyLabel: null, reason: 'waiting' }]);
    expect(names(host)).toEqual(['Hana']);

    desk.admit(desk.waiting[0]!.peerId);
    await joined;
    expect(ana.meeting.state.phase).toBe('in-meeting');
    await waitFor(() => expect(names(host)).toEqual(['Hana', 'Ana']));
    expect(desk.waiting).toEqual([]);
  });

  it('tells a denied guest so, and lets the host deny or admit everyone at once', async () => {
    const network = new MemoryNetwork();
    const { desk, lobbyInvite } = await startHostAndInvite(network);
    const guests = ['Ana', 'Ben', 'Cy'].map((n) => makePeer(network, { invite: lobbyInvite }, n));
    const started = guests.map((g) => g.meeting.start());
    await waitFor(() => expect(desk.waiting).toHaveLength(3));
    desk.deny(desk.waiting.find((e) => e.name === 'Ana')!.peerId);
    await started[0];
    expect(guests[0]!.meeting.state.error?.code).toBe(ErrorCode.Denied);
    desk.admitAll();
    await Promise.all(started);
    expect(guests.slice(1).map((g) => g.meeting.state.phase)).toEqual(['in-meeting', 'in-meeting']);
  });

  it('gets media both ways from a guest whose call was dropped while they waited, whatever strangers call', async () => {
    const network = new MemoryNetwork();
    // As with PeerJS: the guest is not told that the host dropped its call.
    network.mediaCloseReachesPeer = false;
    const { host, desk, lobbyInvite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite: lobbyInvite }, 'Ana');
    const joined = ana.meeting.start();
    await waitFor(() => expect(desk.waiting).toHaveLength(1));
    // Calls from strangers push Ana's waiting call out; the many more after hers, which never
    // knock, must not push her out of what the host remembers.
    for (let i = 0; i < MAX_PENDING_MEDIA + 80; i++) {
      const stranger = network.transport(`cvcaller${i}`, fakeFingerprint());
      void stranger.open();
      stranger.call(host.meeting.selfPeerId, new FakeMedia('stranger').stream);
    }
    await waitFor(() => expect(host.logs.some((l) => l.includes('too many pending'))).toBe(true));

    desk.admit(desk.waiting[0]!.peerId);
    await joined;
    await waitFor(() => {
      const atHost = host.meeting.participants.find((p) => p.name === 'Ana');
      const atAna = ana.meeting.participants.find((p) => p.name === 'Hana');
      expect([atHost?.connection, atHost?.stream?.id]).toEqual(['connected', ana.media.stream.id]);
      expect([atAna?.connection, atAna?.stream?.id]).toEqual(['connected', host.media.stream.id]);
    });
  });

  it('forgets a guest who leaves the lobby', async () => {
    const network = new MemoryNetwork();
    const { desk, lobbyInvite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite: lobbyInvite }, 'Ana');
    const joined = ana.meeting.start();
    await waitFor(() => expect(desk.waiting).toHaveLength(1));
    ana.meeting.leave();
    await joined;
    await waitFor(() => expect(desk.waiting).toEqual([]));
  });

  it('gives a raw client in the lobby no member’s peer id, name or fingerprint', async () => {
    const network = new MemoryNetwork();
    const { host, invite, lobbyInvite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    const spy = await rawGuest(network, lobbyInvite, 'cvspy', 'Spy');
    spy.knock();
    expect(await spy.next(['waiting', 'admit', 'deny'])).toMatchObject({ t: 'waiting' });
    // Also after a wrong key: still nothing about anyone.
    spy.knock({ kind: 'key', hint: 'AAAAAAAAAAA', proof: 'A'.repeat(43) });
    expect(await spy.next(['waiting', 'admit', 'deny'])).toMatchObject({ t: 'waiting' });
    const secrets = [host, ana].flatMap((p) => [
      p.meeting.selfPeerId,
      p.transport()!.localFingerprint,
      p === ana ? 'Ana' : 'Hana',
    ]);
    // The host's own peer id is in the link already; nothing else is revealed.
    const leaked = secrets.filter(
      (s) => s !== host.meeting.selfPeerId && spy.received.some((raw) => raw.includes(s)),
    );
    expect(leaked).toEqual([]);
    expect(spy.messages().map((m) => m.t)).toEqual(['challenge', 'waiting', 'waiting']);
  });

  it('locks itself when more than 20 knock in a minute, alerts the host, and stays bounded', async () => {
    const network = new MemoryNetwork();
    const { host, desk, invite, lobbyInvite } = await startHostAndInvite(network);
    const alerts: AdmissionAlert[] = [];
    desk.events.on('alert', (a) => alerts.push(a));
    const answers: WireMessage['t'][] = [];
    for (let i = 0; i < 200; i++) {
      const raw = await rawGuest(network, lobbyInvite, `cvflood${i}`);
      raw.knock();
      answers.push((await raw.next(['waiting', 'deny'])).t);
    }
    expect(answers.slice(0, MAX_KNOCKS_PER_WINDOW)).toEqual(
      Array(MAX_KNOCKS_PER_WINDOW).fill('waiting'),
    );
    expect(answers.slice(MAX_KNOCKS_PER_WINDOW)).toEqual(
      Array(200 - MAX_KNOCKS_PER_WINDOW).fill('deny'),
    );
    expect(desk.locked).toBe(true);
    expect(alerts).toEqual([{ kind: 'flood' }]);
    expect(desk.waiting).toHaveLength(MAX_KNOCKS_PER_WINDOW);
    // Locked: a knock without a key is refused with a reason; a key still admits.
    const late = makePeer(network, { invite: lobbyInvite }, 'Late');
    await late.meeting.start();
    expect(late.meeting.state.error?.code).toBe(ErrorCode.MeetingLocked);
    const keyed = makePeer(network, { invite }, 'Keyed');
    await keyed.meeting.start();
    expect(keyed.meeting.state.phase).toBe('in-meeting');
    expect(names(host)).toEqual(['Hana', 'Keyed']);
    // 200 real handshakes (a signature each): CPU work, slow on a loaded machine.
  }, 30_000);
});

// Each proof from a typed password costs PBKDF2's 600,000 rounds (CPU work, slow on a busy machine).
describe('admission: the meeting password', { timeout: 20_000 }, () => {
  // PBKDF2 at 600,000 rounds costs about half a second: the host derives its verifier once.
  let verifier: Promise<PasswordVerifier> | null = null;
  async function passwordMeeting() {
    verifier ??= makePasswordVerifier(PASSWORD);
    const settings = defaultHostSettings();
    settings.admission.password = await verifier;
    const network = new MemoryNetwork();
    return { network, ...(await startHostAndInvite(network, 'Hana', settings)) };
  }

  it('admits the right password at once, keeps a wrong one in the lobby, and a retry gets in', async () => {
    const { network, host, desk, lobbyInvite } = await passwordMeeting();
    const ana = makePeer(network, { invite: lobbyInvite }, 'Ana');
    typePasswords(ana, [PASSWORD]);
    await ana.meeting.start();
    expect(ana.meeting.state.phase).toBe('in-meeting');

    const ben = makePeer(network, { invite: lobbyInvite }, 'Ben');
    const reasons: string[] = [];
    ben.meeting.events.on('state', (s) => s.lobby && reasons.push(s.lobby.reason));
    typePasswords(ben, ['wrong-guess']);
    const benJoined = ben.meeting.start();
    await waitFor(() => expect(ben.meeting.state.lobby?.reason).toBe('wrong-password'));
    expect(ben.meeting.state.lobby).toMatchObject({ attemptsLeft: 2, askingPassword: true });
    expect(desk.waiting).toMatchObject([{ name: 'Ben', reason: 'wrong-password' }]);
    ben.meeting.submitPassword(PASSWORD);
    await benJoined;
    expect(ben.meeting.state.phase).toBe('in-meeting');
    expect(reasons[0]).toBe('password-needed');
    expect(names(host)).toEqual(['Hana', 'Ana', 'Ben']);
  });

  it('lets a guest without the password knock and wait for the host', async () => {
    const { network, desk, lobbyInvite } = await passwordMeeting();
    const cy = makePeer(network, { invite: lobbyInvite }, 'Cy');
    typePasswords(cy, [null]);
    const joined = cy.meeting.start();
    await waitFor(() => expect(desk.waiting).toMatchObject([{ name: 'Cy', reason: 'waiting' }]));
    desk.admit(desk.waiting[0]!.peerId);
    await joined;
    expect(cy.meeting.state.phase).toBe('in-meeting');
  });

  it('refuses a proof replayed from another handshake', async () => {
    const { network, lobbyInvite } = await passwordMeeting();
    const honest = await rawGuest(network, lobbyInvite, 'cvhonest');
    const params = honest.challenge.password!;
    expect(params.iterations).toBeGreaterThanOrEqual(600_000);
    const captured = await passwordCredential(PASSWORD, params, honest.transcript);
    honest.knock(captured);
    expect(await honest.next(['admit', 'waiting', 'deny'])).toMatchObject({ t: 'admit' });

    const thief = await rawGuest(network, lobbyInvite, 'cvthief');
    thief.knock(captured);
    expect(await thief.next(['admit', 'waiting', 'deny'])).toMatchObject({
      t: 'waiting',
      reason: 'wrong-password',
    });
  });

  it('locks out a peer id after three wrong passwords, even with the right one after', async () => {
    const { network, desk, lobbyInvite } = await passwordMeeting();
    const alerts: AdmissionAlert[] = [];
    desk.events.on('alert', (a) => alerts.push(a));
    const guesser = await rawGuest(network, lobbyInvite, 'cvguesser');
    const params = guesser.challenge.password!;
    const answers = [];
    for (let guess = 0; guess < 3; guess++) {
      guesser.knock(await wrongPasswordProof(guesser.transcript));
      answers.push(await guesser.next(['admit', 'waiting', 'deny']));
    }
    expect(answers).toMatchObject([
      { t: 'waiting', reason: 'wrong-password', attemptsLeft: 2 },
      { t: 'waiting', reason: 'wrong-password', attemptsLeft: 1 },
      { t: 'deny', reason: 'too-many-attempts' },
    ]);
    expect(desk.waiting).toEqual([]);
    // A fourth try, right password, on a new connection from the same peer id.
    guesser.close();
    const again = await rawGuest(network, lobbyInvite, 'cvguesser');
    again.knock(await passwordCredential(PASSWORD, params, again.transcript));
    expect(await again.next(['admit', 'waiting', 'deny'])).toMatchObject({
      t: 'deny',
      reason: 'too-many-attempts',
    });
    expect(alerts).toEqual([]);
  });

  it('backs off and alerts the host when more than 5 wrong passwords come in a minute', async () => {
    const { network, desk, lobbyInvite } = await passwordMeeting();
    const alerts: AdmissionAlert[] = [];
    desk.events.on('alert', (a) => alerts.push(a));
    const reasons = [];
    for (let i = 0; i < 7; i++) {
      const raw = await rawGuest(network, lobbyInvite, `cvguess${i}`);
      raw.knock(await wrongPasswordProof(raw.transcript));
      reasons.push(((await raw.next(['waiting'])) as { reason: string }).reason);
    }
    expect(reasons).toEqual([...Array(6).fill('wrong-password'), 'slow-down']);
    expect(alerts).toEqual([{ kind: 'guessing', backoffMs: 2000 }]);
  });
});

describe('admission: personal access keys', () => {
  it('admits a key’s holder at once in its role, and its revocation removes them from every mesh within a second', async () => {
    const network = new MemoryNetwork();
    const { host, desk, invite: everyone, lobbyInvite } = await startHostAndInvite(network);
    const doctorKey = await desk.issueKey({ label: 'doctor', role: 'viewer' });
    const doctorInvite: Invite = { ...lobbyInvite, accessKey: doctorKey.key };
    const doc = makePeer(network, { invite: doctorInvite }, 'Doc');
    await doc.meeting.start();
    expect(doc.meeting.state.phase).toBe('in-meeting');
    expect(host.meeting.participants.find((p) => p.name === 'Doc')?.role).toBe('viewer');
    const ben = makePeer(network, { invite: everyone }, 'Ben');
    await ben.meeting.start();
    await waitFor(() => {
      expect(names(ben)).toEqual(['Hana', 'Doc', 'Ben']);
      const benToDoc = [...ben.transport()!.dataLinks, ...doc.transport()!.dataLinks].filter(
        (l) =>
          l.isOpen && [doc.meeting.selfPeerId, ben.meeting.selfPeerId].includes(l.remotePeerId),
      );
      expect(benToDoc.length).toBeGreaterThan(0);
    });
    expect(desk.keyHolders).toEqual([
      { peerId: doc.meeting.selfPeerId, name: 'Doc', keyId: doctorKey.id },
      expect.objectContaining({ name: 'Ben' }),
    ]);

    // Doc does not cooperate: told to go, her client keeps its side of every connection open.
    const docTold: (string | undefined)[] = [];
    Reflect.set(doc.meeting, 'end', (error: ConclaveError | null) => docTold.push(error?.code));
    const revokedAt = Date.now();
    desk.revokeKey(doctorKey.id);
    const docId = doc.meeting.selfPeerId;
    await waitFor(() => {
      expect(docTold).toContain(ErrorCode.KeyRevoked);
      expect(names(host)).toEqual(['Hana', 'Ben']);
      expect(names(ben)).toEqual(['Hana', 'Ben']);
      const openToDoc = [ben, host].flatMap((p) => [
        ...p.transport()!.dataLinks.filter((l) => l.isOpen && l.remotePeerId === docId),
        ...p.transport()!.mediaLinks.filter((l) => !l.isClosed && l.remotePeerId === docId),
      ]);
      expect(openToDoc).toEqual([]);
    }, 1000);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(desk.keyHolders.map((h) => h.name)).toEqual(['Ben']);

    // The key fails at its next knock: its holder waits in the lobby like anyone with the link.
    const again = makePeer(network, { invite: doctorInvite }, 'Doc');
    const rejoined = again.meeting.start();
    await waitFor(() => expect(again.meeting.state.lobby?.reason).toBe('key-refused'));
    expect(desk.waiting).toMatchObject([
      { name: 'Doc', keyLabel: 'doctor', reason: 'key-refused' },
    ]);
    again.meeting.leave();
    await rejoined;
  });

  it('retires the personal link of someone removed, unless others in the meeting use it too', async () => {
    const network = new MemoryNetwork();
    const { host, desk, invite: shared, lobbyInvite } = await startHostAndInvite(network);
    const clientKey = await desk.issueKey({ label: 'client', role: 'participant' });
    const clientInvite: Invite = { ...lobbyInvite, accessKey: clientKey.key };
    const cli = makePeer(network, { invite: clientInvite }, 'Cli');
    const [ben, cy] = ['Ben', 'Cy'].map((n) => makePeer(network, { invite: shared }, n));
    for (const peer of [cli, ben!, cy!]) await peer.meeting.start();
    await waitFor(() => expect(names(host)).toEqual(['Hana', 'Cli', 'Ben', 'Cy']));

    await host.meeting.remove(cli.meeting.selfPeerId);
    await host.meeting.remove(ben!.meeting.selfPeerId);
    await waitFor(() => expect(names(host)).toEqual(['Hana', 'Cy']));
    const revoked = (id: string) => desk.accessKeys.find((k) => k.id === id)?.revoked;
    expect(revoked(clientKey.id)).toBe(true);
    // Cy still comes in with the link Ben shared: it stays.
    expect(desk.keyHolders.map((h) => h.name)).toEqual(['Cy']);
    expect(revoked(desk.keyHolders[0]!.keyId)).toBe(false);

    // Cli's next session has a new peer id, but not her link's way in: she waits to be let in.
    const again = makePeer(network, { invite: clientInvite }, 'Cli');
    void again.meeting.start();
    await waitFor(() => expect(again.meeting.state.phase).toBe('in-lobby'));
    expect(desk.waiting).toMatchObject([
      { name: 'Cli', keyLabel: 'client', reason: 'key-refused' },
    ]);
    expect(names(host)).toEqual(['Hana', 'Cy']);
  });

  it('honours expiry and use counts', async () => {
    const network = new MemoryNetwork();
    const { desk, lobbyInvite } = await startHostAndInvite(network);
    const once = await desk.issueKey({ label: 'once', role: 'participant', maxUses: 1 });
    const expired = await desk.issueKey({
      label: 'old',
      role: 'participant',
      expiresAt: Date.now() - 1,
    });
    const tryKey = async (key: string, id: string) => {
      const raw = await rawGuest(network, lobbyInvite, id);
      raw.knock(await keyCredential(key, raw.transcript));
      return raw.next(['admit', 'waiting', 'deny']);
    };
    expect(await tryKey(once.key, 'cvfirst')).toMatchObject({ t: 'admit' });
    expect(await tryKey(once.key, 'cvsecond')).toMatchObject({
      t: 'waiting',
      reason: 'key-refused',
    });
    expect(await tryKey(expired.key, 'cvthird')).toMatchObject({
      t: 'waiting',
      reason: 'key-refused',
    });
  });

  it('refuses a key proof replayed from another handshake', async () => {
    const network = new MemoryNetwork();
    const { invite, lobbyInvite } = await startHostAndInvite(network);
    const first = await rawGuest(network, lobbyInvite, 'cvkeyone');
    const captured = await keyCredential(invite.accessKey!, first.transcript);
    const second = await rawGuest(network, lobbyInvite, 'cvkeytwo');
    second.knock(captured);
    expect(await second.next(['admit', 'waiting', 'deny'])).toMatchObject({
      t: 'waiting',
      reason: 'key-refused',
    });
  });
});
