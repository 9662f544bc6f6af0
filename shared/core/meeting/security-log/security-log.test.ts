// The host's security log: bounded, and fed by real admission, command and mesh flows between
// in-memory peers (never by reading log lines).
import { describe, expect, it, vi } from 'vitest';
import { hmac } from '../../../crypto/hmac.ts';
import { randomBytes } from '../../../crypto/random.ts';
import { admitProofMessage } from '../../protocol/transcript.ts';
import { commandSignedBy, idOf, sendAs, threeInAMeeting } from '../../testing/commands.ts';
import {
  FakeMedia,
  fakeFingerprint,
  makePeer,
  MemoryNetwork,
  startHostAndInvite,
  type TestPeer,
} from '../../testing/fixtures.ts';
import { descriptorOf, MemoryMeetingStore } from '../../testing/memory-meeting-store.ts';
import { rawGuest } from '../../testing/raw-guest.ts';
import { MAX_KNOCKS_PER_WINDOW } from '../host/admission-guard.ts';
import { createStoredMeeting } from '../host/meeting-store.ts';
import { MAX_PENDING_MEDIA } from '../mesh.ts';
import { defaultHostSettings, makePasswordVerifier } from '../host/admission-settings.ts';
import type { SecurityEventKind } from './security-event.ts';
import {
  MAX_ENTRIES_PER_PEER_PER_MINUTE,
  MAX_PEER_ENTRIES_PER_MINUTE,
  MAX_SECURITY_LOG_ENTRIES,
  SecurityLog,
} from './security-log.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });

/** The host's log as kind, name and detail (times and peer prefixes are checked apart). */
const logOf = (host: TestPeer) =>
  host.meeting.securityLog!.entries.map(({ kind, name, detail }) => ({ kind, name, detail }));

const hasEntry = (host: TestPeer, kind: SecurityEventKind, name: string | null, detail: string) =>
  waitFor(() => expect(logOf(host)).toContainEqual({ kind, name, detail }));

async function knockAtLobby(network: MemoryNetwork, host: TestPeer, name: string) {
  const guest = makePeer(network, { invite: host.meeting.invite }, name);
  const joined = guest.meeting.start();
  await waitFor(() => expect(guest.meeting.state.phase).toBe('in-lobby'));
  const entry = host.meeting.waitingRoom.waiting.find((e) => e.name === name)!;
  return { guest, joined, entry };
}

describe('the security log itself', () => {
  it('keeps the newest entries, says how many it dropped, and stamps ISO times and short ids', () => {
    let now = Date.parse('2026-11-24T15:00:00.000Z');
    // One entry a second: within every rate, so only the size bound drops entries.
    const log = new SecurityLog('meeting-id', () => (now += 1000));
    for (let i = 0; i < MAX_SECURITY_LOG_ENTRIES + 5; i++) {
      log.record({ kind: 'proof-failed', peerId: `peer-number-${i}`, detail: `try ${i}` });
    }
    expect(log.entries).toHaveLength(MAX_SECURITY_LOG_ENTRIES);
    expect(log.dropped).toBe(5);
    expect(log.entries[0]).toEqual({
      time: '2026-11-24T15:00:06.000Z',
      kind: 'proof-failed',
      name: null,
      peer: 'peer-num',
      detail: 'try 5',
    });
    const exported = log.export();
    expect(exported).toMatchObject({ meetingId: 'meeting-id', dropped: 5 });
    expect(exported.entries.at(-1)?.detail).toBe(`try ${MAX_SECURITY_LOG_ENTRIES + 4}`);
    // The export is a copy: what is recorded later does not change it.
    log.record({ kind: 'locked', detail: 'by the host' });
    expect(exported.entries).toHaveLength(MAX_SECURITY_LOG_ENTRIES);
  });

  it('counts a flood from one person or from fresh ids on one line each, keeping what came before', () => {
    let now = Date.parse('2026-11-24T15:00:00.000Z');
    const log = new SecurityLog('meeting-id', () => now);
    log.record({
      kind: 'proof-failed',
      peerId: 'ana-peer-id',
      name: 'Ana',
      detail: 'wrong password',
    });
    for (let i = 0; i < 5_000; i++) {
      log.record({
        kind: 'command-ignored',
        peerId: 'mallory-id',
        name: 'Mal',
        detail: 'replayed',
      });
    }
    const ignored = log.entries.filter((e) => e.kind === 'command-ignored');
    expect(ignored).toHaveLength(MAX_ENTRIES_PER_PEER_PER_MINUTE);
    expect(log.entries.at(-1)).toMatchObject({
      kind: 'held-back',
      name: 'Mal',
      detail: `${5_000 - MAX_ENTRIES_PER_PEER_PER_MINUTE} more from this person in this minute, not listed one by one`,
    });
    for (let i = 0; i < 5_000; i++) {
      log.record({ kind: 'refused', peerId: `fresh-id-${i}`, name: 'Flood', detail: 'locked' });
    }
    const refused = log.entries.filter((e) => e.kind === 'refused');
    // Everyone's minute held Ana's failure and Mal's entries already.
    expect(refused).toHaveLength(MAX_PEER_ENTRIES_PER_MINUTE - 1 - MAX_ENTRIES_PER_PEER_PER_MINUTE);
    expect(log.entries.at(-1)).toMatchObject({
      kind: 'held-back',
      name: null,
      detail: `${5_000 - refused.length} more from people in this minute, not listed one by one`,
    });
    expect(log.entries[0]).toMatchObject({ kind: 'proof-failed', name: 'Ana' });
    expect(log.dropped).toBe(0);
    // Who got in and what the host did are never held back, flood or not.
    log.record({ kind: 'joined', peerId: 'fresh-id-0', name: 'Flood', detail: 'with a link' });
    log.record({ kind: 'removed', peerId: 'fresh-id-0', name: 'Flood', detail: 'by the host' });
    log.record({ kind: 'locked', detail: 'by the host' });
    expect(log.entries.slice(-3).map((e) => e.kind)).toEqual(['joined', 'removed', 'locked']);
    // A minute later, people are listed again.
    now += 60_000;
    log.record({ kind: 'command-ignored', peerId: 'mallory-id', name: 'Mal', detail: 'replayed' });
    expect(log.entries.at(-1)).toMatchObject({ kind: 'command-ignored', name: 'Mal' });
  });
});

describe('the host’s security log in a meeting', () => {
  it('records lobby decisions, joins by link, role changes, removals, a removed peer returning, locks and revocations', async () => {
    const network = new MemoryNetwork();
    const { host, desk, invite } = await startHostAndInvite(network);

    const cy = await knockAtLobby(network, host, 'Cy');
    host.meeting.waitingRoom.deny(cy.entry.id);
    await cy.joined;
    const dee = await knockAtLobby(network, host, 'Dee');
    host.meeting.waitingRoom.admit(dee.entry.id);
    await dee.joined;
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    await host.meeting.setRole(idOf(ana), 'viewer');
    await host.meeting.remove(idOf(dee.guest));
    await waitFor(() => expect(dee.guest.meeting.state.phase).toBe('ended'));
    // Dee comes back from the same session: refused, whatever she brings.
    await rawGuest(network, host.meeting.invite, idOf(dee.guest), 'Dee').then((raw) => raw.knock());
    await hasEntry(host, 'refused', 'Dee', 'removed earlier in this meeting');
    await host.meeting.setLocked(true);
    await host.meeting.setLocked(false);
    desk.revokeKey(desk.accessKeys[0]!.id);
    await waitFor(() => expect(ana.meeting.state.phase).toBe('ended'));

    expect(logOf(host)).toEqual([
      { kind: 'denied', name: 'Cy', detail: 'by the host' },
      { kind: 'admitted', name: 'Dee', detail: 'by the host' },
      { kind: 'joined', name: 'Dee', detail: 'from the waiting room' },
      { kind: 'joined', name: 'Ana', detail: 'with personal link "Everyone"' },
      { kind: 'role-changed', name: 'Ana', detail: 'participant to viewer' },
      { kind: 'removed', name: 'Dee', detail: 'by the host' },
      { kind: 'refused', name: 'Dee', detail: 'removed earlier in this meeting' },
      { kind: 'locked', name: null, detail: 'by the host' },
      { kind: 'unlocked', name: null, detail: 'by the host' },
      {
        kind: 'link-revoked',
        name: null,
        detail: 'personal link "Everyone" revoked (1 in the meeting with it)',
      },
      { kind: 'removed', name: 'Ana', detail: 'their personal link was revoked' },
    ]);
    const [first] = host.meeting.securityLog!.entries;
    expect(first?.peer).toBe(idOf(cy.guest).slice(0, 8));
    expect(Number.isNaN(Date.parse(first!.time))).toBe(false);
    // Only the host keeps one.
    expect(ana.meeting.securityLog).toBeNull();
  });

  it('records a refused personal link, a lobby timeout and a flood that locks the meeting', async () => {
    const network = new MemoryNetwork();
    const { host, desk, lobbyInvite } = await startHostAndInvite(network);
    const key = await desk.issueKey({ label: 'Front desk', role: 'participant' });
    desk.revokeKey(key.id);
    const late = makePeer(network, { invite: { ...lobbyInvite, accessKey: key.key } }, 'Late');
    void late.meeting.start();
    await hasEntry(
      host,
      'proof-failed',
      'Late',
      'personal link "Front desk" refused (revoked, expired or used up)',
    );
    // What the lobby's ten-minute timer does when it runs out.
    await waitFor(() => expect(desk.waiting).toHaveLength(1));
    desk.settleLobby(idOf(late), { admit: false, reason: 'timeout' });
    await hasEntry(host, 'lobby-timeout', 'Late', 'waited too long');

    // A knock whose proof was made without the link (here: a wrong meeting id).
    const stranger = await rawGuest(network, { ...lobbyInvite, meetingId: 'x'.repeat(22) }, 'cvx');
    stranger.knock();
    await waitFor(() =>
      expect(host.meeting.securityLog!.entries).toContainEqual(
        expect.objectContaining({
          kind: 'proof-failed',
          peer: 'cvx',
          detail: expect.stringContaining('knock without the link'),
        }),
      ),
    );

    for (let i = 0; i <= MAX_KNOCKS_PER_WINDOW; i++) {
      (await rawGuest(network, lobbyInvite, `cvflood${i}`, `Flood ${i}`)).knock();
    }
    await hasEntry(host, 'locked', null, 'automatically after a flood of knocks');
    await hasEntry(host, 'alert', null, 'a flood of knocks: the meeting locked itself');
    await hasEntry(host, 'refused', `Flood ${MAX_KNOCKS_PER_WINDOW}`, 'locked');
  });

  it(
    'records a join with the password, wrong passwords and the back-off alert',
    { timeout: 20_000 },
    async () => {
      const settings = defaultHostSettings();
      settings.admission.password = await makePasswordVerifier('amber-quartz-7');
      const network = new MemoryNetwork();
      const { host, lobbyInvite } = await startHostAndInvite(network, 'Hana', settings);
      const ben = makePeer(network, { invite: lobbyInvite }, 'Ben');
      ben.meeting.events.on('state', (s) => {
        if (s.lobby?.askingPassword) ben.meeting.submitPassword('amber-quartz-7');
      });
      await ben.meeting.start();
      await hasEntry(host, 'joined', 'Ben', 'with the meeting password');
      for (let i = 0; i < 6; i++) {
        const raw = await rawGuest(network, lobbyInvite, `cvguess${i}`, 'Guesser');
        const proof = await hmac(randomBytes(32), admitProofMessage(raw.transcript));
        raw.knock({ kind: 'password', proof });
        await raw.next(['waiting']);
      }
      const failures = logOf(host).filter((e) => e.kind === 'proof-failed');
      expect(failures).toEqual(
        Array(6).fill({ kind: 'proof-failed', name: 'Guesser', detail: 'wrong password' }),
      );
      await hasEntry(host, 'alert', null, 'repeated wrong proofs: password checks paused for 2 s');
    },
  );

  it(
    'records a co-host’s decisions, a participant’s forged command, and a connection whose fingerprint is not the roster’s',
    { timeout: 15_000 },
    async () => {
      const { network, host, ana, ben, invite } = await threeInAMeeting();
      // Kim was checked at admission. Strangers' calls crowd out her early call while she
      // waits (as with PeerJS, she is not told), so the host calls her once admitted, and that
      // call carries someone else's certificate.
      network.mediaCloseReachesPeer = false;
      const kim = await knockAtLobby(network, host, 'Kim');
      const mitm = fakeFingerprint();
      network.interceptFingerprint = (from) => (from === idOf(kim.guest) ? mitm : null);
      const kimsCalls = () => host.transport()!.mediaLinksWith(idOf(kim.guest));
      // The host's mesh has taken the call (it sets the tracks it sends on every call it holds).
      await waitFor(() => expect(kimsCalls().some((call) => call.sentTracks.size > 0)).toBe(true));
      for (let i = 0; i < MAX_PENDING_MEDIA; i++) {
        const stranger = network.transport(`cvcaller${i}`, fakeFingerprint());
        void stranger.open();
        stranger.call(idOf(host), new FakeMedia('stranger').stream);
      }
      await waitFor(() => expect(kimsCalls().every((call) => call.isClosed)).toBe(true));
      host.meeting.waitingRoom.admit(kim.entry.id);
      await hasEntry(
        host,
        'fingerprint-mismatch',
        'Kim',
        'connection closed: its fingerprint is not the one on the roster',
      );

      await host.meeting.setRole(idOf(ben), 'co-host');
      await waitFor(() => expect(ben.meeting.selfRole).toBe('co-host'));
      const gus = await knockAtLobby(network, host, 'Gus');
      const gia = await knockAtLobby(network, host, 'Gia');
      await waitFor(() => expect(ben.meeting.waitingRoom.waiting).toHaveLength(2));
      ben.meeting.waitingRoom.admit(gus.entry.id);
      ben.meeting.waitingRoom.deny(gia.entry.id);
      await hasEntry(host, 'admitted', 'Gus', 'by co-host Ben');
      await hasEntry(host, 'denied', 'Gia', 'by co-host Ben');
      await gus.joined;

      // Ana is a participant: her own correctly signed removal of Ben is not hers to give.
      sendAs(
        ana,
        host,
        await commandSignedBy(ana, invite.meetingId, { kind: 'remove', target: idOf(ben) }),
      );
      await hasEntry(host, 'command-ignored', 'Ana', 'remove from participant');
      // Ana floods the host with that command: one counted line, and nothing before it is lost.
      const before = logOf(host);
      const forged = await commandSignedBy(ana, invite.meetingId, {
        kind: 'remove',
        target: idOf(ben),
      });
      for (let i = 0; i < 2 * MAX_SECURITY_LOG_ENTRIES; i++) sendAs(ana, host, forged);
      const heldBack = () => logOf(host).find((e) => e.kind === 'held-back');
      await waitFor(() => {
        const listed = logOf(host).length - before.length - 1;
        const counted = Number(/^(\d+) more from this person/.exec(heldBack()?.detail ?? '')?.[1]);
        expect(listed + counted).toBe(2 * MAX_SECURITY_LOG_ENTRIES);
      });
      expect(heldBack()?.name).toBe('Ana');
      expect(logOf(host).slice(0, before.length)).toEqual(before);
      // Ben's own admit naming nobody, sent again: the copy is refused as replayed.
      const admit = await commandSignedBy(ben, invite.meetingId, {
        kind: 'admit',
        entry: 'A'.repeat(22),
      });
      sendAs(ben, host, admit);
      sendAs(ben, host, admit);
      await hasEntry(host, 'command-ignored', 'Ben', 'replayed');
    },
  );

  it('records members returning to a restarted host, whose new log starts empty (never stored)', async () => {
    const network = new MemoryNetwork();
    const store = new MemoryMeetingStore();
    const saved = await createStoredMeeting('Weekly', Date.now());
    await store.add(saved);
    const descriptor = descriptorOf(saved);
    const host = makePeer(network, { host: descriptor, store }, 'Hana');
    await host.meeting.start();
    const key = await host.meeting.admission!.issueKey({ label: 'Ana', role: 'participant' });
    const ana = makePeer(
      network,
      { invite: { ...host.meeting.invite, accessKey: key.key } },
      'Ana',
    );
    await ana.meeting.start();
    await hasEntry(host, 'joined', 'Ana', 'with personal link "Ana"');

    host.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(ana.meeting.state.phase).toBe('host-left'));
    const back = makePeer(network, { host: descriptor, store }, 'Hana');
    await back.meeting.start();
    await waitFor(() => expect(ana.meeting.state.phase).toBe('in-meeting'));
    await waitFor(() =>
      expect(logOf(back)).toEqual([{ kind: 'joined', name: 'Ana', detail: 'a member returning' }]),
    );
  });
});
