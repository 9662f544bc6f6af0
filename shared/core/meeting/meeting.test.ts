import { describe, expect, it, vi } from 'vitest';
import { generateSigningKeyPair } from '../../crypto/signing.ts';
import { ErrorCode } from '../errors.ts';
import { encodeMessage } from '../protocol/codec.ts';
import { MAX_MESSAGE_CHARS } from '../protocol/schemas.ts';
import {
  FakeMedia,
  fakeFingerprint,
  makePeer,
  MemoryNetwork,
  startHostAndInvite,
  type TestPeer,
} from '../testing/fixtures.ts';
import { newAccessKey } from './host/admission-settings.ts';
import { hostPeerId } from './ids.ts';
import { createHostDescriptor, MAX_PARTICIPANTS } from './meeting.ts';
import { MAX_PENDING_MEDIA } from './mesh.ts';
import { signRoster } from './roster.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

function view(peer: TestPeer) {
  return peer.meeting.participants.map((p) => ({
    name: p.name,
    connected: p.connection === 'connected',
    stream: p.stream?.id ?? null,
  }));
}

/** A meeting whose host has not started it yet, and a personal link to it for Ana. */
async function meetingNotStarted() {
  const descriptor = await createHostDescriptor();
  const key = await newAccessKey({ label: 'Ana', role: 'participant' });
  descriptor.settings.admission.accessKeys.push(key);
  const invite = {
    meetingId: descriptor.meetingId,
    hostKeyDigest: descriptor.hostKey.digest,
    accessKey: key.key,
  };
  return { descriptor, invite };
}

async function threeInAMeeting() {
  const network = new MemoryNetwork();
  const { host, invite } = await startHostAndInvite(network);
  const ana = makePeer(network, { invite }, 'Ana');
  await ana.meeting.start();
  const ben = makePeer(network, { invite }, 'Ben');
  await ben.meeting.start();
  return { network, host, ana, ben, invite };
}

describe('Meeting with in-memory peers', () => {
  it('connects host and two guests in a verified mesh where everyone gets everyone’s media', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    for (const [self, others] of [
      [host, [ana, ben]],
      [ana, [host, ben]],
      [ben, [host, ana]],
    ] as const) {
      await waitFor(() => {
        const seen = view(self);
        for (const other of others) {
          expect(seen).toContainEqual({
            name: other.media.stream.id.replace('stream-of-', ''),
            connected: true,
            stream: other.media.stream.id,
          });
        }
      });
    }
    expect(ana.meeting.state.phase).toBe('in-meeting');
    expect(host.meeting.participants.find((p) => p.isSelf)?.role).toBe('host');
  });

  it('updates everyone’s roster when a guest leaves', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    await waitFor(() => expect(view(ana)).toHaveLength(3));
    ben.meeting.leave();
    await waitFor(() => expect(view(host).map((p) => p.name)).toEqual(['Hana', 'Ana']));
    await waitFor(() => expect(view(ana).map((p) => p.name)).toEqual(['Hana', 'Ana']));
    expect(ben.meeting.state.phase).toBe('ended');
  });

  it('ends the meeting for guests when the host leaves', async () => {
    const { host, ana } = await threeInAMeeting();
    host.meeting.leave();
    await waitFor(() => expect(ana.meeting.state.error?.code).toBe(ErrorCode.HostLeft));
  });

  it('shares media state (camera off) with the others', async () => {
    const { host, ana } = await threeInAMeeting();
    await waitFor(() =>
      expect(host.meeting.participants.find((p) => p.name === 'Ana')?.videoOn).toBe(true),
    );
    ana.media.toggle('video', false);
    await waitFor(() =>
      expect(host.meeting.participants.find((p) => p.name === 'Ana')?.videoOn).toBe(false),
    );
  });

  it('gives each pair of people the same short authentication string, and each pair its own', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    const sas = (from: TestPeer, to: TestPeer) =>
      from.meeting.verification.state(to.meeting.selfPeerId);
    await waitFor(() => expect(view(ben).every((p) => p.connected)).toBe(true));
    host.meeting.verification.compare(ana.meeting.selfPeerId);
    ben.meeting.verification.compare(host.meeting.selfPeerId);
    ana.meeting.verification.compare(ben.meeting.selfPeerId);
    ben.meeting.verification.compare(ana.meeting.selfPeerId);
    await waitFor(() => {
      for (const [x, y] of [
        [host, ana],
        [host, ben],
        [ana, ben],
      ] as const) {
        expect(sas(x, y).status).toBe('ready');
        expect(sas(x, y)).toEqual(sas(y, x));
      }
    });
    expect(sas(host, ana)).not.toEqual(sas(host, ben));
  });

  it('shares a screen as video and says it is a screen', async () => {
    const { host, ana } = await threeInAMeeting();
    ana.media.toggle('video', false);
    ana.media.sharing = true;
    ana.media.events.emit('track', 'video', { kind: 'video' } as MediaStreamTrack);
    await waitFor(() => {
      const seen = host.meeting.participants.find((p) => p.name === 'Ana');
      expect(seen?.screenSharing).toBe(true);
      expect(seen?.videoOn).toBe(true);
    });
  });

  it('turns away a guest beyond the participant limit with "meeting full"', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    for (let i = 1; i < MAX_PARTICIPANTS; i++) {
      const guest = makePeer(network, { invite }, `Guest${i}`);
      await guest.meeting.start();
      expect(guest.meeting.state.phase).toBe('in-meeting');
    }
    const late = makePeer(network, { invite }, 'Late');
    await late.meeting.start();
    expect(late.meeting.state.error?.code).toBe(ErrorCode.MeetingFull);
    expect(host.meeting.participants).toHaveLength(MAX_PARTICIPANTS);
  });

  it('registers with the server while devices start, but connects to no one before they are ready', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    let devicesReady = () => undefined as void;
    const ready = new Promise<void>((resolve) => (devicesReady = resolve));
    const guest = makePeer(network, { invite }, 'Ana', ready);
    const joining = guest.meeting.start();
    await waitFor(() => expect(network.find(guest.meeting.selfPeerId)).toBeDefined());
    expect(guest.transport()?.dataLinks).toEqual([]);
    expect(guest.transport()?.mediaLinks).toEqual([]);
    devicesReady();
    await joining;
    expect(guest.meeting.state.phase).toBe('in-meeting');
    expect(view(host).map((p) => p.name)).toEqual(['Hana', 'Ana']);
  });

  it('waits for a host who is not there yet, then joins by itself', async () => {
    const network = new MemoryNetwork();
    const { descriptor, invite } = await meetingNotStarted();
    const guest = makePeer(network, { invite }, 'Ana');
    const phases: string[] = [];
    guest.meeting.events.on('state', (s) => phases.push(s.phase));
    const joining = guest.meeting.start();
    await waitFor(() => expect(phases).toContain('waiting-for-host'));
    const host = makePeer(network, { host: descriptor }, 'Hana');
    await host.meeting.start();
    await joining;
    expect(guest.meeting.state.phase).toBe('in-meeting');
  });

  it('says a meeting this guest saw ended has ended when its host is not there, and joins one started again', async () => {
    const network = new MemoryNetwork();
    const { descriptor, invite } = await meetingNotStarted();
    const ended = makePeer(network, { invite, endedBefore: true }, 'Ana');
    await ended.meeting.start();
    expect(ended.meeting.state.error?.code).toBe(ErrorCode.MeetingEnded);

    const host = makePeer(network, { host: descriptor }, 'Hana');
    await host.meeting.start();
    const again = makePeer(network, { invite, endedBefore: true }, 'Ana');
    await again.meeting.start();
    expect(again.meeting.state.phase).toBe('in-meeting');
  });

  it('aborts with "intercepted" when the signaling path swaps DTLS certificates, sending only hello', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const mitm = fakeFingerprint();
    network.interceptFingerprint = () => mitm;
    const guest = makePeer(network, { invite }, 'Ana');
    await guest.meeting.start();
    expect(guest.meeting.state.error?.code).toBe(ErrorCode.Intercepted);
    const sent = guest.transport()?.dataLinks.flatMap((l) => l.sent.map((m) => JSON.parse(m).t));
    expect(sent).toEqual(['hello']);
    expect(host.meeting.participants.map((p) => p.name)).toEqual(['Hana']);
  });

  it('refuses a host whose key does not match the link, even at the link’s peer id', async () => {
    const network = new MemoryNetwork();
    const other = await generateSigningKeyPair();
    // A squatter holds the id of the link's host key (a stock server lets anyone register it).
    const squatter = makePeer(
      network,
      { host: await createHostDescriptor() },
      'Hana',
      undefined,
      hostPeerId(other.digest),
    );
    await squatter.meeting.start();
    const invite = { ...squatter.meeting.invite, hostKeyDigest: other.digest };
    const guest = makePeer(network, { invite }, 'Ana');
    await guest.meeting.start();
    expect(guest.meeting.state.error?.code).toBe(ErrorCode.HostCheckFailed);
    expect(squatter.meeting.participants).toHaveLength(1);
    const sent = guest.transport()?.dataLinks.flatMap((l) => l.sent.map((m) => JSON.parse(m).t));
    expect(sent).toEqual(['hello']);
  });

  it('closes a guest-to-guest connection whose fingerprint is not the roster’s', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const ana = makePeer(network, { invite }, 'Ana');
    await ana.meeting.start();
    const notices: string[] = [];
    ana.meeting.events.on('notice', (e) => notices.push(e.code));
    // From now on, connections between the two guests are intercepted.
    const mitm = fakeFingerprint();
    const ben = makePeer(network, { invite }, 'Ben');
    network.interceptFingerprint = (from, to) =>
      from !== host.meeting.selfPeerId && to !== host.meeting.selfPeerId ? mitm : null;
    await ben.meeting.start();
    expect(ben.meeting.state.phase).toBe('in-meeting');
    await waitFor(() => expect(notices).toContain(ErrorCode.PeerCheckFailed));
    await waitFor(() =>
      expect(
        view(host)
          .filter((p) => p.name !== 'Hana')
          .every((p) => p.connected),
      ).toBe(true),
    );
    const benAtAna = ana.meeting.participants.find((p) => p.name === 'Ben');
    expect(benAtAna?.stream).toBeNull();
    expect(benAtAna?.connection).toBe('connecting');
    // Nothing of Ana's camera or microphone went down the intercepted connection.
    const toBen = ana
      .transport()
      ?.mediaLinks.filter((l) => l.remotePeerId === ben.meeting.selfPeerId);
    expect(toBen?.length).toBeGreaterThan(0);
    for (const link of toBen ?? []) {
      expect([...link.sentTracks.values()]).toEqual([null, null]);
    }
    const toHost = ana
      .transport()
      ?.mediaLinks.find((l) => l.remotePeerId === host.meeting.selfPeerId);
    expect(toHost?.sentTracks.get('video')).toEqual({ kind: 'video' });
  });

  it('drops garbage from a hostile participant and carries on', async () => {
    const { host, ana, ben } = await threeInAMeeting();
    await waitFor(() => expect(view(host).every((p) => p.connected)).toBe(true));
    const link = ana.transport()?.connect(host.meeting.selfPeerId);
    // A fresh link from Ana that skips the handshake: host must not crash or admit it.
    await waitFor(() => expect(link?.isOpen).toBe(true));
    for (const junk of ['{', 'x'.repeat(MAX_MESSAGE_CHARS + 1), '{"t":"roster","v":1}', '[]', 42]) {
      link?.send(junk as string);
    }
    link?.send(encodeMessage('knock', { proof: 'A'.repeat(43) }));
    await waitFor(() => expect(host.logs.some((l) => l.includes('admission from'))).toBe(true));
    expect(host.logs.filter((l) => l.startsWith('dropped invalid'))).toHaveLength(5);
    await waitFor(() => expect(link?.isOpen).toBe(false));
    expect(host.meeting.state.phase).toBe('in-meeting');
    expect(view(ben)).toHaveLength(3);
  });

  it('holds a bounded number of calls from people not on the roster, dropping the oldest', async () => {
    const network = new MemoryNetwork();
    const { host } = await startHostAndInvite(network);
    const callers = Array.from({ length: MAX_PENDING_MEDIA + 2 }, (_, i) =>
      network.transport(`cvg-stranger${i}`, fakeFingerprint()),
    );
    const calls = callers.map((t) => {
      void t.open();
      return t.call(host.meeting.selfPeerId, new FakeMedia('stranger').stream);
    });
    await waitFor(() => {
      expect(host.logs.filter((l) => l.includes('too many pending'))).toHaveLength(2);
      expect(calls.filter((c) => c.isClosed)).toEqual(calls.slice(0, 2));
    });
    expect(host.meeting.participants).toHaveLength(1);
  });

  it('ignores a roster or an end sent by a participant instead of the host', async () => {
    const { ana, ben } = await threeInAMeeting();
    // Ben's media state reaching Ana means their data link is verified on her side.
    await waitFor(() =>
      expect(ana.meeting.participants.find((p) => p.name === 'Ben')?.videoOn).toBe(true),
    );
    const impostor = await generateSigningKeyPair();
    const forged = await signRoster(impostor.privateKey, {
      meetingId: ana.meeting.invite.meetingId,
      version: 99,
      members: ana.meeting.participants
        .filter((p) => p.name !== 'Hana')
        .map((p) => ({
          peerId: p.peerId,
          name: p.name,
          role: p.role,
          fingerprint: fakeFingerprint(),
        })),
    });
    const benToAna = ben
      .transport()
      ?.dataLinks.find((l) => l.remotePeerId === ana.meeting.selfPeerId);
    benToAna?.send(encodeMessage('roster', { roster: forged }));
    benToAna?.send(encodeMessage('end', {}));
    await waitFor(() => expect(ana.logs.filter((l) => l.startsWith('ignored'))).toHaveLength(2));
    expect(view(ana)).toHaveLength(3);
    expect(ana.meeting.state.phase).toBe('in-meeting');
  });
});
