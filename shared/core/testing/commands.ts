// Test helpers for host commands between in-memory peers, as a modified client could send them.
import { expect, vi } from 'vitest';
import { signCommand } from '../meeting/commands/command-signature.ts';
import { encodeMessage } from '../protocol/codec.ts';
import type { CommandAction, SignedCommand } from '../protocol/schemas.ts';
import { makePeer, MemoryNetwork, startHostAndInvite, type TestPeer } from './fixtures.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

/** Host Hana with participants Ana and Ben (personal link), all connected with media. */
export async function threeInAMeeting() {
  const network = new MemoryNetwork();
  const { host, invite, lobbyInvite, descriptor } = await startHostAndInvite(network);
  const ana = makePeer(network, { invite }, 'Ana');
  await ana.meeting.start();
  const ben = makePeer(network, { invite }, 'Ben');
  await ben.meeting.start();
  // Everyone connected to everyone, with media flowing.
  for (const peer of [host, ana, ben]) {
    await waitFor(() => {
      const list = peer.meeting.participants;
      expect(list).toHaveLength(3);
      expect(list.every((p) => p.connection === 'connected')).toBe(true);
    });
  }
  return { network, host, ana, ben, invite, lobbyInvite, descriptor };
}

export const seenBy = (viewer: TestPeer, name: string) =>
  viewer.meeting.participants.find((p) => p.name === name);
export const idOf = (peer: TestPeer) => peer.meeting.selfPeerId;

/** Sends raw text from one peer straight to another over their verified data link. */
export function sendAs(from: TestPeer, to: TestPeer, text: string): void {
  const link = from.transport()?.dataLinksWith(idOf(to))[0];
  if (!link) throw new Error(`no link from ${idOf(from)} to ${idOf(to)}`);
  link.send(text);
}

/** A command signed with `from`'s own session key, as a modified client could make. */
export async function commandSignedBy(
  from: TestPeer,
  meetingId: string,
  action: CommandAction,
  seq = Date.now(),
): Promise<string> {
  const identity = from.identity()!;
  const body = { meetingId, signer: idOf(from), seq, action };
  const command: SignedCommand = {
    body,
    signerKey: identity.publicKeySpki,
    sig: await signCommand(identity.privateKey, body),
  };
  return encodeMessage('command', { command });
}

/** Resolves once `peer` has logged a line containing `text`. */
export const logged = (peer: TestPeer, text: string) =>
  waitFor(() => expect(peer.logs.some((l) => l.includes(text))).toBe(true));
