import { describe, expect, it, vi } from 'vitest';
import { makePeer, MemoryNetwork, startHostAndInvite, type TestPeer } from '../testing/fixtures.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

/** Who `peer` shows connected, with their media and with camera and microphone on, by name. */
function connectedWithMedia(peer: TestPeer): string[] {
  return peer.meeting.participants
    .filter((p) => !p.isSelf && p.connection === 'connected' && p.stream && p.audioOn && p.videoOn)
    .map((p) => p.name)
    .sort();
}

describe('guests who join at the same moment', () => {
  for (const names of [
    ['Ana', 'Ben'],
    ['Ana', 'Ben', 'Cleo'],
  ]) {
    it(`all get in with media and no false security notice: ${names.join(', ')}`, async () => {
      const network = new MemoryNetwork();
      const { host, invite } = await startHostAndInvite(network);
      const notices: string[] = [];
      host.meeting.events.on('notice', (error) => notices.push(error.code));
      const guests = names.map((name) => makePeer(network, { invite }, name));
      for (const guest of guests) {
        guest.meeting.events.on('notice', (error) => notices.push(error.code));
      }
      // Each guest's early call reaches the host before anyone is admitted: admitting one must
      // leave the others' calls waiting for their own admission, not check them against a
      // roster that does not have them yet. And what the host sends right after an admit (the
      // next roster, its camera state) must not be lost while the guest checks the admit.
      await Promise.all(guests.map((guest) => guest.meeting.start()));

      const everyone = [host, ...guests];
      const allNames = ['Hana', ...names];
      for (const [i, peer] of everyone.entries()) {
        const others = allNames.filter((_, j) => j !== i).sort();
        await waitFor(() => expect(connectedWithMedia(peer)).toEqual(others));
      }
      expect(notices).toEqual([]);
      expect(host.logs.filter((line) => line.includes('not the roster'))).toEqual([]);
    });
  }
});
