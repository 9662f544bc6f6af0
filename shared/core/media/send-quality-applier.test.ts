import { describe, expect, it, vi } from 'vitest';
import { makePeer, MemoryNetwork, startHostAndInvite, type TestPeer } from '../testing/fixtures.ts';
import type { MediaLink } from '../signaling/transport.ts';
import { SendQualityApplier } from './send-quality-applier.ts';
import { sendQualityFor, type SendQuality } from './send-quality.ts';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 5 });

/** The quality each of `peer`'s open media links sends at, by the peer at the other end. */
function qualities(peer: TestPeer): (SendQuality | null)[] {
  return peer
    .transport()!
    .mediaLinks.filter((link) => !link.isClosed)
    .map((link) => link.sendQuality);
}

describe('send quality in a meeting', () => {
  it('follows the number of peers on every link, up and down', async () => {
    const network = new MemoryNetwork();
    const { host, invite } = await startHostAndInvite(network);
    const join = async (name: string) => {
      const guest = makePeer(network, { invite }, name);
      await guest.meeting.start();
      return guest;
    };
    const ana = await join('Ana');
    await waitFor(() => expect(qualities(host)).toEqual([sendQualityFor(1)]));

    const ben = await join('Ben');
    const cleo = await join('Cleo');
    await waitFor(() => expect(qualities(host)).toEqual(Array(3).fill(sendQualityFor(3))));
    await waitFor(() => expect(qualities(ana)).toEqual(Array(3).fill(sendQualityFor(3))));
    expect(sendQualityFor(3)).not.toEqual(sendQualityFor(1));

    cleo.meeting.leave();
    await waitFor(() => expect(qualities(host)).toEqual(Array(2).fill(sendQualityFor(2))));
    await waitFor(() => expect(qualities(ben)).toEqual(Array(2).fill(sendQualityFor(2))));
  });
});

describe('SendQualityApplier', () => {
  function fakeLink(results: ('ok' | 'fail')[]) {
    const calls: SendQuality[] = [];
    const link = {
      remotePeerId: 'cvpeer',
      setSendQuality: (quality: SendQuality) => {
        calls.push(quality);
        return results.shift() === 'fail'
          ? Promise.reject(new Error('not yet'))
          : Promise.resolve();
      },
    } as unknown as MediaLink;
    return { link, calls };
  }

  it('applies once per change, and again to a link that refused last time', async () => {
    const logs: string[] = [];
    const applier = new SendQualityApplier((line) => logs.push(line));
    const steady = fakeLink(['ok']);
    const refusing = fakeLink(['fail', 'ok']);
    applier.update([steady.link, refusing.link]);
    await waitFor(() => expect(logs).toHaveLength(1));
    applier.update([steady.link, refusing.link]);
    expect(steady.calls).toEqual([sendQualityFor(2)]);
    expect(refusing.calls).toEqual([sendQualityFor(2), sendQualityFor(2)]);
  });
});
