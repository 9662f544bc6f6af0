// Raised hands and reactions between in-memory peers.
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import { PROTOCOL_VERSION } from '../../protocol/schemas.ts';
import {
  makePeer,
  MemoryNetwork,
  startHostAndInvite,
  type TestPeer,
} from '../../testing/fixtures.ts';
import { MEDIA_STATE_INTERVAL_MS } from '../mesh.ts';
import { REACTION_INTERVAL_MS, REACTION_SHOWN_MS } from './gestures.ts';

const waitFor = (check: () => void, timeout = 5000) => vi.waitFor(check, { timeout, interval: 5 });
const seenBy = (viewer: TestPeer, name: string) =>
  viewer.meeting.participants.find((p) => p.name === name);
const linkTo = (from: TestPeer, to: TestPeer) =>
  from.transport()?.dataLinks.find((l) => l.remotePeerId === to.meeting.selfPeerId);

async function meetingWithAna() {
  const network = new MemoryNetwork();
  const started = await startHostAndInvite(network);
  const ana = makePeer(network, { invite: started.invite }, 'Ana');
  await ana.meeting.start();
  await waitFor(() => expect(seenBy(started.host, 'Ana')?.connection).toBe('connected'));
  return { network, ...started, ana };
}

describe('raised hands', () => {
  it('shows a raised hand to everyone, and lowers it again', async () => {
    const { network, host, invite, ana } = await meetingWithAna();
    const ben = makePeer(network, { invite }, 'Ben');
    await ben.meeting.start();
    await waitFor(() => expect(seenBy(ben, 'Ana')?.connection).toBe('connected'));

    ana.meeting.raiseHand(true);
    expect(seenBy(ana, 'Ana')?.handRaisedAt).not.toBeNull();
    for (const peer of [host, ben]) {
      await waitFor(() => expect(seenBy(peer, 'Ana')?.handRaisedAt).not.toBeNull());
    }
    ana.meeting.raiseHand(false);
    for (const peer of [ana, host, ben]) {
      await waitFor(() => expect(seenBy(peer, 'Ana')?.handRaisedAt).toBeNull());
    }
  });

  it('shows a newcomer the hands already up, in the order they went up', async () => {
    const { network, host, invite, ana } = await meetingWithAna();
    host.meeting.raiseHand(true);
    await waitFor(() => expect(seenBy(ana, 'Hana')?.handRaisedAt).not.toBeNull());
    ana.meeting.raiseHand(true);
    await waitFor(() => expect(seenBy(host, 'Ana')?.handRaisedAt).not.toBeNull());

    const ben = makePeer(network, { invite }, 'Ben');
    await ben.meeting.start();
    await waitFor(() => {
      const hana = seenBy(ben, 'Hana')?.handRaisedAt;
      const anas = seenBy(ben, 'Ana')?.handRaisedAt;
      expect(hana).toEqual(expect.any(Number));
      expect(anas).toEqual(expect.any(Number));
      expect(hana!).toBeLessThan(anas!);
    });
  });

  it('has the hand down again when its owner leaves and comes back', async () => {
    const { network, host, invite, ana } = await meetingWithAna();
    ana.meeting.raiseHand(true);
    await waitFor(() => expect(seenBy(host, 'Ana')?.handRaisedAt).not.toBeNull());
    ana.meeting.leave({ endForEveryone: false });
    await waitFor(() => expect(seenBy(host, 'Ana')).toBeUndefined());
    const back = makePeer(network, { invite }, 'Ana');
    await back.meeting.start();
    await waitFor(() => expect(seenBy(host, 'Ana')?.connection).toBe('connected'));
    expect(seenBy(host, 'Ana')?.handRaisedAt).toBeNull();
    expect(seenBy(back, 'Ana')?.handRaisedAt).toBeNull();
  });

  it('redraws a flood of hand toggles at a bounded rate', async () => {
    const { host, ana } = await meetingWithAna();
    const toHost = linkTo(ana, host);
    let redraws = 0;
    host.meeting.events.on('participants', () => redraws++);
    const started = Date.now();
    // The last message (i = 4999) raises the hand.
    for (let i = 0; i < 5000; i++) toHost?.send(encodeMessage('hand', { raised: i % 2 === 1 }));
    await waitFor(() => expect(seenBy(host, 'Ana')?.handRaisedAt).not.toBeNull());
    expect(redraws).toBeLessThanOrEqual(
      Math.ceil((Date.now() - started) / MEDIA_STATE_INTERVAL_MS) + 2,
    );
  });

  it('lets a viewer raise a hand and react', async () => {
    const network = new MemoryNetwork();
    const { host, desk, lobbyInvite } = await startHostAndInvite(network);
    const key = await desk.issueKey({ label: 'Audience', role: 'viewer' });
    const vera = makePeer(network, { invite: { ...lobbyInvite, accessKey: key.key } }, 'Vera');
    await vera.meeting.start();
    await waitFor(() => expect(seenBy(host, 'Vera')?.connection).toBe('connected'));
    vera.meeting.raiseHand(true);
    vera.meeting.react('👏');
    await waitFor(() =>
      expect(seenBy(host, 'Vera')).toMatchObject({
        role: 'viewer',
        handRaisedAt: expect.any(Number),
        reaction: { emoji: '👏' },
      }),
    );
  });

  it('lets the host lower a hand: the person’s own client lowers it and says so', async () => {
    const { host, ana } = await meetingWithAna();
    ana.meeting.raiseHand(true);
    await waitFor(() => expect(seenBy(host, 'Ana')?.handRaisedAt).not.toBeNull());
    const notices: ErrorCode[] = [];
    ana.meeting.events.on('notice', (error) => notices.push(error.code));
    await host.meeting.lowerHand(ana.meeting.selfPeerId);
    await waitFor(() => expect(seenBy(host, 'Ana')?.handRaisedAt).toBeNull());
    expect(seenBy(ana, 'Ana')?.handRaisedAt).toBeNull();
    expect(notices).toEqual([ErrorCode.HandLowered]);
  });

  it('ignores a participant’s attempt to lower someone else’s hand', async () => {
    const { network, host, invite, ana } = await meetingWithAna();
    const ben = makePeer(network, { invite }, 'Ben');
    await ben.meeting.start();
    await waitFor(() => expect(seenBy(ana, 'Ben')?.connection).toBe('connected'));
    ana.meeting.raiseHand(true);
    await waitFor(() => expect(seenBy(ben, 'Ana')?.handRaisedAt).not.toBeNull());
    await expect(ben.meeting.lowerHand(ana.meeting.selfPeerId)).rejects.toMatchObject({
      code: ErrorCode.NotAllowed,
    });
    expect(seenBy(host, 'Ana')?.handRaisedAt).not.toBeNull();
  });
});

describe('reactions', () => {
  it('shows a reaction on the sender’s tile for everyone, then takes it away', async () => {
    const { host, ana } = await meetingWithAna();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    try {
      ana.meeting.react('👍');
      expect(seenBy(ana, 'Ana')?.reaction?.emoji).toBe('👍');
      await waitFor(() => expect(seenBy(host, 'Ana')?.reaction?.emoji).toBe('👍'));
      await vi.advanceTimersByTimeAsync(REACTION_SHOWN_MS);
      expect(seenBy(host, 'Ana')?.reaction).toBeNull();
      expect(seenBy(ana, 'Ana')?.reaction).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a reaction outside the fixed set and logs it', async () => {
    const { host, ana } = await meetingWithAna();
    const toHost = linkTo(ana, host);
    toHost?.send(JSON.stringify({ t: 'reaction', v: PROTOCOL_VERSION, emoji: '💩' }));
    toHost?.send(encodeMessage('reaction', { emoji: '😮' }));
    await waitFor(() => expect(seenBy(host, 'Ana')?.reaction?.emoji).toBe('😮'));
    expect(
      host.logs.some((l) => l.includes('dropped invalid message') && l.includes('emoji')),
    ).toBe(true);
  });

  it('shows a flood of reactions at a bounded rate', async () => {
    const { host, ana } = await meetingWithAna();
    const toHost = linkTo(ana, host);
    let shown = 0;
    let last = seenBy(host, 'Ana')?.reaction ?? null;
    host.meeting.events.on('participants', (list) => {
      const now = list.find((p) => p.name === 'Ana')?.reaction ?? null;
      if (now && now.id !== last?.id) shown++;
      last = now;
    });
    const started = Date.now();
    for (let i = 0; i < 2000; i++) toHost?.send(encodeMessage('reaction', { emoji: '🎉' }));
    await waitFor(() => expect(seenBy(host, 'Ana')?.reaction?.emoji).toBe('🎉'));
    await waitFor(() =>
      expect(host.logs.filter((l) => l.includes('too soon after the last'))).toHaveLength(
        2000 - shown,
      ),
    );
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / REACTION_INTERVAL_MS) + 1);
  });
});
