// Host commands between in-memory peers: what each one does, and what the others refuse.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type { SignedCommand } from '../../protocol/schemas.ts';
import {
  commandSignedBy,
  idOf,
  logged,
  seenBy,
  sendAs,
  threeInAMeeting,
} from '../../testing/commands.ts';
import { makePeer } from '../../testing/fixtures.ts';
import { DISMISS_GRACE_MS } from '../mesh.ts';
import { signRoster } from '../roster.ts';
import { signCommand } from './command-signature.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

describe('host commands', () => {
  it('asks a participant to mute: their own client turns the microphone off and says so', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    const notices: string[] = [];
    ana.meeting.events.on('notice', (n) => notices.push(n.code));
    await host.meeting.askToMute(idOf(ana));
    await waitFor(() => expect(ana.media.on.audio).toBe(false));
    expect(notices).toContain(ErrorCode.AskedToMute);
    await waitFor(() => expect(seenBy(ben, 'Ana')?.audioOn).toBe(false));
    // Nobody unmutes anyone: the person turns it back on themselves.
    expect(await ana.meeting.setMediaOn('audio', true)).toBeNull();
    await waitFor(() => expect(seenBy(host, 'Ana')?.audioOn).toBe(true));
  });

  it('makes a participant a viewer: it sends nothing, cannot turn devices on, and nobody plays it', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    await host.meeting.setRole(idOf(ana), 'viewer');
    await waitFor(() => expect([ana.media.on.audio, ana.media.on.video]).toEqual([false, false]));
    expect(ana.meeting.selfRole).toBe('viewer');
    expect((await ana.meeting.setMediaOn('video', true))?.code).toBe(ErrorCode.NotAllowed);
    expect(ana.media.on.video).toBe(false);
    // Its devices turned on behind the meeting's back (a modified client): its own mesh still
    // sends nothing on any call, and the others show nothing from it.
    ana.media.toggle('video', true);
    ana.media.toggle('audio', true);
    for (const other of [host, ben]) {
      const links = ana
        .transport()!
        .mediaLinksWith(idOf(other))
        .filter((l) => !l.isClosed);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        expect([link.sentTracks.get('audio'), link.sentTracks.get('video')]).toEqual([null, null]);
      }
    }
    sendAs(ana, host, encodeMessage('media-state', { audio: true, video: true }));
    await waitFor(() => expect(seenBy(ben, 'Ana')?.role).toBe('viewer'));
    for (const other of [host, ben]) {
      expect(seenBy(other, 'Ana')).toMatchObject({ stream: null, videoOn: false, audioOn: false });
    }
    // Back to participant: sending is allowed again.
    await host.meeting.setRole(idOf(ana), 'participant');
    await waitFor(() => expect(ana.meeting.selfRole).toBe('participant'));
    expect(await ana.meeting.setMediaOn('audio', true)).toBeNull();
  });

  it('removes a participant: everyone drops them without their cooperation, and they stay out', async () => {
    const { network, host, ana, ben } = await threeInAMeeting();
    const benId = idOf(ben);
    // Ben's client ignores being removed, as a modified client would.
    vi.spyOn(ben.meeting as unknown as { end(): void }, 'end').mockImplementation(() => undefined);
    const anaLinksToBen = [
      ...ana.transport()!.dataLinksWith(benId),
      ...ana.transport()!.mediaLinksWith(benId),
    ];
    expect(anaLinksToBen.length).toBeGreaterThan(0);

    await host.meeting.remove(benId);
    await waitFor(() => expect(anaLinksToBen.every((l) => l.isClosed)).toBe(true));
    for (const peer of [ana, host])
      await waitFor(() => expect(seenBy(peer, 'Ben')).toBeUndefined());
    await vi.waitFor(
      () => expect(host.transport()!.dataLinksWith(benId)).toHaveLength(0),
      DISMISS_GRACE_MS + 2000,
    );

    // Ben dials Ana again: refused at once.
    const again = ben.transport()!.connect(idOf(ana));
    const call = ben.transport()!.call(idOf(ana), ben.media.stream);
    await waitFor(() => expect([again.isClosed, call.isClosed]).toEqual([true, true]));
    expect(seenBy(ana, 'Ben')).toBeUndefined();

    // And knocks again at the host under the same id: denied.
    ben.transport()!.destroy();
    const rejoin = makePeer(network, { invite: host.meeting.invite }, 'Ben', undefined, benId);
    await rejoin.meeting.start();
    expect(rejoin.meeting.state.error?.code).toBe(ErrorCode.Denied);
  });

  it('tells the removed person they were removed', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    await host.meeting.remove(idOf(ben));
    await waitFor(() => expect(ben.meeting.state.error?.code).toBe(ErrorCode.Removed));
    await waitFor(() =>
      expect(ana.meeting.participants.map((p) => p.name)).toEqual(['Hana', 'Ana']),
    );
  });

  it('locks and unlocks the desk: the lobby is closed while locked, and everyone is told', async () => {
    const { network, host, ana, invite, lobbyInvite } = await threeInAMeeting();
    const desk = host.meeting.admission!;
    const changes: boolean[] = [];
    host.meeting.events.on('locked', (locked) => changes.push(locked));
    await host.meeting.setLocked(true);
    expect(desk.locked).toBe(true);
    expect(host.meeting.locked).toBe(true);
    await waitFor(() => expect(ana.meeting.locked).toBe(true));
    // A knock that would wait in the lobby is refused; a personal link still gets in.
    const late = makePeer(network, { invite: lobbyInvite }, 'Cleo');
    await late.meeting.start();
    expect(late.meeting.state.error?.code).toBe(ErrorCode.MeetingLocked);
    const keyed = makePeer(network, { invite }, 'Dora');
    await keyed.meeting.start();
    expect(keyed.meeting.state.phase).toBe('in-meeting');

    // The desk's own lock control is the same lock: guests hear of it too.
    desk.setLocked(false);
    await waitFor(() => expect(ana.meeting.locked).toBe(false));
    expect(changes).toEqual([true, false]);
    const later = makePeer(network, { invite: lobbyInvite }, 'Cleo');
    const started = later.meeting.start();
    await waitFor(() => expect(desk.waiting).toHaveLength(1));
    desk.admit(desk.waiting[0]!.peerId);
    await started;
    expect(later.meeting.state.phase).toBe('in-meeting');
  });

  it('ends the meeting for everyone on a signed command', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    await host.meeting.endForAll();
    expect(host.meeting.state).toEqual({ phase: 'ended', error: null });
    for (const guest of [ana, ben]) {
      await waitFor(() => expect(guest.meeting.state.error?.code).toBe(ErrorCode.HostLeft));
    }
    expect(ana.logs.some((l) => l.includes('ignored a command'))).toBe(false);
  });

  it('lets a co-host ask to mute, and nothing the host alone may do', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    await host.meeting.setRole(idOf(ben), 'co-host');
    // Ben may only act once his own copy of the roster says so.
    for (const peer of [ana, ben]) {
      await waitFor(() => expect(seenBy(peer, 'Ben')?.role).toBe('co-host'));
    }
    await ben.meeting.askToMute(idOf(ana));
    await waitFor(() => expect(ana.media.on.audio).toBe(false));
    for (const act of [
      () => ben.meeting.remove(idOf(ana)),
      () => ben.meeting.setRole(idOf(ana), 'co-host'),
      () => ben.meeting.setLocked(true),
      () => ben.meeting.endForAll(),
    ]) {
      await expect(act()).rejects.toMatchObject({ code: ErrorCode.NotAllowed });
    }
    expect(ben.meeting.state.phase).toBe('in-meeting');
  });
});

describe('host commands under attack', () => {
  it('ignores a command with a forged signature, or a host command altered on the way', async () => {
    const { host, ana, ben, invite } = await threeInAMeeting();
    const forged: SignedCommand = {
      body: {
        meetingId: invite.meetingId,
        signer: idOf(host),
        seq: Date.now(),
        action: { kind: 'remove', target: idOf(ana) },
      },
      sig: 'A'.repeat(86),
    };
    sendAs(ben, ana, encodeMessage('command', { command: forged }));
    await logged(ana, 'bad signature');

    // A real host command for Ben, retargeted at Ana by Ben.
    const captured: SignedCommand[] = [];
    const hostLink = ben.transport()!.dataLinksWith(idOf(host))[0]!;
    hostLink.events.on('message', (raw) => {
      const parsed = JSON.parse(String(raw)) as { t: string; command?: SignedCommand };
      if (parsed.t === 'command') captured.push(parsed.command!);
    });
    await host.meeting.askToMute(idOf(ben));
    await waitFor(() => expect(captured).toHaveLength(1));
    const retargeted = structuredClone(captured[0]!);
    retargeted.body.action = { kind: 'ask-mute', target: idOf(ana) };
    ana.logs.length = 0;
    sendAs(ben, ana, encodeMessage('command', { command: retargeted }));
    await logged(ana, 'bad signature');
    expect(ana.meeting.state.phase).toBe('in-meeting');
    expect(ana.media.on.audio).toBe(true);
  });

  it('ignores a replayed command (same sequence number)', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    const hostToAna = host.transport()!.dataLinksWith(idOf(ana))[0]!;
    await host.meeting.askToMute(idOf(ana));
    await waitFor(() => expect(ana.media.on.audio).toBe(false));
    const replay = hostToAna.sent.find((t) => t.includes('"ask-mute"'))!;
    await ana.meeting.setMediaOn('audio', true);
    // Replayed by someone else, and by the host's own link.
    sendAs(ben, ana, replay);
    hostToAna.send(replay);
    await logged(ana, 'replayed');
    await waitFor(() => expect(ana.logs.filter((l) => l.includes('replayed'))).toHaveLength(2));
    expect(ana.media.on.audio).toBe(true);
  });

  it('ignores a host-signed command for another meeting', async () => {
    const { host, ana, descriptor } = await threeInAMeeting();
    const body = {
      meetingId: 'f'.repeat(32),
      signer: idOf(host),
      seq: Date.now(),
      action: { kind: 'end' as const },
    };
    const command = { body, sig: await signCommand(descriptor.hostKey.privateKey, body) };
    host.transport()!.dataLinksWith(idOf(ana))[0]!.send(encodeMessage('command', { command }));
    await logged(ana, 'for another meeting');
    expect(ana.meeting.state.phase).toBe('in-meeting');
  });

  it('ignores commands signed by a participant, even for itself', async () => {
    const { host, ana, ben, invite } = await threeInAMeeting();
    const muteAna = await commandSignedBy(ben, invite.meetingId, {
      kind: 'ask-mute',
      target: idOf(ana),
    });
    sendAs(ben, ana, muteAna);
    await logged(ana, 'ask-mute from participant');
    // Raising its own role, told to everyone, and asked of its own meeting.
    const raise = await commandSignedBy(ben, invite.meetingId, {
      kind: 'set-role',
      target: idOf(ben),
      role: 'co-host',
    });
    sendAs(ben, ana, raise);
    sendAs(ben, host, raise);
    await logged(ana, 'set-role from participant');
    await logged(host, 'set-role from participant');
    await expect(ben.meeting.setRole(idOf(ben), 'co-host')).rejects.toMatchObject({
      code: ErrorCode.NotAllowed,
    });
    // A roster Ben signed himself, listing himself as host, at a version far ahead.
    const own = await signRoster(ben.identity()!.privateKey, {
      meetingId: invite.meetingId,
      version: 1_000_000,
      members: ana.meeting.participants.map((p) => ({
        peerId: p.peerId,
        name: p.name,
        role: p.peerId === idOf(ben) ? 'host' : 'participant',
        fingerprint: ben.transport()!.localFingerprint,
      })),
    });
    sendAs(ben, ana, encodeMessage('roster', { roster: own }));
    await logged(ana, 'ignored roster');
    expect(ana.media.on.audio).toBe(true);
    for (const peer of [host, ana]) expect(seenBy(peer, 'Ben')?.role).toBe('participant');
  });

  it('ignores a co-host trying to remove, to promote, or to end', async () => {
    const { host, ana, ben, invite } = await threeInAMeeting();
    await host.meeting.setRole(idOf(ben), 'co-host');
    await waitFor(() => expect(seenBy(ana, 'Ben')?.role).toBe('co-host'));
    let seq = Date.now();
    for (const action of [
      { kind: 'remove', target: idOf(ana) },
      { kind: 'set-role', target: idOf(ana), role: 'co-host' },
      { kind: 'set-role', target: idOf(ben), role: 'host' },
      { kind: 'end' },
    ] as const) {
      sendAs(ben, ana, await commandSignedBy(ben, invite.meetingId, action, ++seq));
      await logged(ana, `${action.kind} from co-host`);
    }
    expect(ana.meeting.state.phase).toBe('in-meeting');
    expect(seenBy(ana, 'Ana')?.role).toBe('participant');
    // A co-host's command under a key that is not the one its id is bound to.
    const stolen = await commandSignedBy(ana, invite.meetingId, {
      kind: 'ask-mute',
      target: idOf(host),
    });
    const parsed = JSON.parse(stolen) as { command: SignedCommand };
    parsed.command.body.signer = idOf(ben);
    ana.logs.length = 0;
    host.logs.length = 0;
    sendAs(ben, host, JSON.stringify(parsed));
    await logged(host, 'bad signature');
    expect(host.media.on.audio).toBe(true);
  });

  it('keeps the newest roster when an older one arrives after it', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    const hostToAna = host.transport()!.dataLinksWith(idOf(ana))[0]!;
    const rostersBefore = hostToAna.sent.filter((t) => t.startsWith('{"t":"roster"'));
    const withBen = rostersBefore.at(-1)!;
    await host.meeting.remove(idOf(ben));
    await waitFor(() => expect(seenBy(ana, 'Ben')).toBeUndefined());
    let benSeenAgain = false;
    ana.meeting.events.on('participants', (list) => {
      if (list.some((p) => p.name === 'Ben')) benSeenAgain = true;
    });
    hostToAna.send(withBen);
    // A newer change still goes through afterwards, so the old one was read and refused.
    await host.meeting.setRole(idOf(ana), 'co-host');
    await waitFor(() => expect(seenBy(ana, 'Ana')?.role).toBe('co-host'));
    expect(benSeenAgain).toBe(false);
  });
});
