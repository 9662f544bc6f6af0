// A stored meeting keeps its admission settings across restarts of the host's page.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { makePeer, MemoryNetwork, type TestPeer } from '../testing/fixtures.ts';
import { MemoryMeetingStore } from '../testing/memory-meeting-store.ts';
import { rawGuest } from '../testing/raw-guest.ts';
import { keyCredential, passwordCredential } from './guest/admission-credential.ts';
import {
  createStoredMeeting,
  storedHostDescriptor,
  type MeetingStore,
} from './host/meeting-store.ts';
import type { Invite } from './invite.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });
const names = (peer: TestPeer) => peer.meeting.participants.map((p) => p.name).sort();

/**
 * A host's page that hosts the stored meeting as the product does after a reload or a reopen:
 * key and admission settings read from the store, every change kept there.
 */
async function hostFromStore(network: MemoryNetwork, store: MeetingStore, meetingId: string) {
  const descriptor = storedHostDescriptor((await store.get(meetingId))!)!;
  const host = makePeer(network, { host: descriptor, store }, 'Hana');
  await host.meeting.start();
  return { host, desk: host.meeting.admission! };
}

async function storedMeeting() {
  const network = new MemoryNetwork();
  const store = new MemoryMeetingStore();
  const saved = await createStoredMeeting('Weekly', Date.now());
  await store.add(saved);
  const restart = async (host?: TestPeer) => {
    host?.meeting.leave({ endForEveryone: false });
    return hostFromStore(network, store, saved.meetingId);
  };
  return { network, store, meetingId: saved.meetingId, restart };
}

/** What the host answers a raw guest knocking with this personal link's key. */
async function knockWithKey(network: MemoryNetwork, invite: Invite, key: string, id: string) {
  const raw = await rawGuest(network, invite, id);
  raw.knock(await keyCredential(key, raw.transcript));
  const answer = await raw.next(['admit', 'waiting', 'deny']);
  raw.close();
  return answer;
}

describe('a stored meeting’s admission settings, after the host’s page restarts', () => {
  it('admit a personal link’s holder at once, and keep a revoked link refused', async () => {
    const { network, restart } = await storedMeeting();
    const first = await restart();
    const doctor = await first.desk.issueKey({ label: 'doctor', role: 'viewer' });
    const client = await first.desk.issueKey({ label: 'client', role: 'participant' });
    await first.desk.revokeKey(client.id);

    const { host, desk } = await restart(first.host);
    expect(desk.accessKeys.map((k) => [k.label, k.role, k.revoked, k.key])).toEqual([
      ['doctor', 'viewer', false, null],
      ['client', 'participant', true, null],
    ]);
    const invite = host.meeting.invite;
    const doc = makePeer(network, { invite: { ...invite, accessKey: doctor.key } }, 'Doc');
    await doc.meeting.start();
    expect(doc.meeting.state.phase).toBe('in-meeting');
    await waitFor(() => expect(names(host)).toEqual(['Doc', 'Hana']));
    expect(host.meeting.participants.find((p) => p.name === 'Doc')?.role).toBe('viewer');
    expect(desk.keyHolders).toMatchObject([{ name: 'Doc', keyId: doctor.id }]);

    const cli = makePeer(network, { invite: { ...invite, accessKey: client.key } }, 'Cli');
    const knocking = cli.meeting.start();
    await waitFor(() => expect(cli.meeting.state.lobby?.reason).toBe('key-refused'));
    expect(desk.waiting).toMatchObject([{ name: 'Cli', keyLabel: 'client' }]);
    expect(names(host)).toEqual(['Doc', 'Hana']);
    cli.meeting.leave();
    await knocking;
  });

  it('still remove whoever came in with a link revoked after the restart', async () => {
    const { network, restart } = await storedMeeting();
    const first = await restart();
    const doctor = await first.desk.issueKey({ label: 'doctor', role: 'participant' });
    const doc = makePeer(
      network,
      { invite: { ...first.host.meeting.invite, accessKey: doctor.key } },
      'Doc',
    );
    await doc.meeting.start();
    await waitFor(() => expect(names(first.host)).toEqual(['Doc', 'Hana']));
    const phases: string[] = [];
    doc.meeting.events.on('state', ({ phase }) => phases.push(phase));

    const { host, desk } = await restart(first.host);
    // Doc comes back on her own, showing no key: the host still knows which one she holds.
    await waitFor(() => {
      expect(phases).toContain('host-left');
      expect(phases.slice(phases.indexOf('host-left'))).toContain('in-meeting');
    });
    expect(desk.keyHolders).toMatchObject([{ name: 'Doc', keyId: doctor.id }]);
    await desk.revokeKey(doctor.id);
    await waitFor(() => expect(doc.meeting.state.error?.code).toBe(ErrorCode.KeyRevoked));
    await waitFor(() => expect(names(host)).toEqual(['Hana']));
  });

  it('keep counting a link’s uses, so a restart never gives one back', async () => {
    const { network, restart } = await storedMeeting();
    const first = await restart();
    const twice = await first.desk.issueKey({ label: 'twice', role: 'participant', maxUses: 2 });
    const invite = first.host.meeting.invite;
    expect(await knockWithKey(network, invite, twice.key, 'usefirst')).toMatchObject({
      t: 'admit',
    });

    const second = await restart(first.host);
    expect(second.desk.accessKeys[0]!.usesLeft).toBe(1);
    expect(await knockWithKey(network, invite, twice.key, 'usesecond')).toMatchObject({
      t: 'admit',
    });

    const third = await restart(second.host);
    expect(third.desk.accessKeys[0]!.usesLeft).toBe(0);
    expect(await knockWithKey(network, invite, twice.key, 'usethird')).toMatchObject({
      t: 'waiting',
      reason: 'key-refused',
    });
  });

  it('keep a link expired, and the meeting password and the lock as the host last set them', async () => {
    const { network, restart } = await storedMeeting();
    const first = await restart();
    const old = await first.desk.issueKey({
      label: 'old',
      role: 'participant',
      expiresAt: Date.now() - 1,
    });
    await first.desk.setPassword('amber-quartz-7');
    await first.desk.setLocked(true);

    const { host, desk } = await restart(first.host);
    expect(desk.locked).toBe(true);
    expect(desk.passwordInUse).toBe(true);
    const invite = host.meeting.invite;
    // Locked: a knock without the password is turned away.
    expect(await knockWithKey(network, invite, old.key, 'expiredkey')).toMatchObject({
      t: 'deny',
      reason: 'locked',
    });
    // The host's screen, which showed the kept lock from the start, hears of the unlock.
    const lockEvents: boolean[] = [];
    host.meeting.events.on('locked', (locked) => lockEvents.push(locked));
    await host.meeting.setLocked(false);
    await waitFor(() => expect(lockEvents.at(-1)).toBe(false));
    // Unlocked: the link's proof is right, but its expiry was kept.
    expect(await knockWithKey(network, invite, old.key, 'expiredkey2')).toMatchObject({
      t: 'waiting',
      reason: 'key-refused',
    });
    const raw = await rawGuest(network, invite, 'withpassword');
    raw.knock(await passwordCredential('amber-quartz-7', raw.challenge.password!, raw.transcript));
    expect(await raw.next(['admit', 'waiting', 'deny'])).toMatchObject({ t: 'admit' });

    await desk.setPassword(null);
    const unlocked = await restart(host);
    expect(unlocked.desk.passwordInUse).toBe(false);
    expect(unlocked.desk.locked).toBe(false);
  }, 20_000);

  it('tell the host when a change could not be kept, and still apply it while the page is open', async () => {
    const { network, store, restart } = await storedMeeting();
    const { host, desk } = await restart();
    const link = await desk.issueKey({ label: 'client', role: 'participant' });
    const notices: string[] = [];
    host.meeting.events.on('notice', (notice) => notices.push(notice.code));
    store.saveAdmission = () => Promise.reject(new Error('QuotaExceededError'));

    await desk.revokeKey(link.id);

    expect(notices).toEqual([ErrorCode.SettingsNotKept]);
    expect(desk.accessKeys.find((k) => k.id === link.id)?.revoked).toBe(true);
    expect(await knockWithKey(network, host.meeting.invite, link.key, 'afterfail')).toMatchObject({
      t: 'waiting',
      reason: 'key-refused',
    });
  });
});
