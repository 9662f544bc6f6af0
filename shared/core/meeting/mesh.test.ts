import { describe, expect, it, vi } from 'vitest';
import { encodeMessage } from '../protocol/codec.ts';
import { FakeMedia, fakeFingerprint, MemoryNetwork } from '../testing/fixtures.ts';
import type { DataLink } from '../signaling/transport.ts';
import { PeerMesh } from './mesh.ts';

const MEETING_ID = '0123456789abcdef0123456789abcdef';

describe('PeerMesh', () => {
  it('shows the camera state a newcomer sent before our roster had them', async () => {
    const network = new MemoryNetwork();
    const self = network.transport('cvself', fakeFingerprint());
    const ben = network.transport('cvben', fakeFingerprint());
    await Promise.all([self.open(), ben.open()]);
    const mesh = new PeerMesh({
      transport: self,
      selfFingerprint: self.localFingerprint,
      media: new FakeMedia('self'),
      log: () => undefined,
    });
    // As the meeting does: a peer's message about its devices sets its state.
    mesh.events.on('message', (peerId, message) => {
      if (message.t === 'media-state') mesh.setMediaState(peerId, message.audio, message.video);
    });
    const incoming = new Promise<DataLink>((resolve) => self.events.once('data-link', resolve));
    const fromBen = ben.connect('cvself');
    const link = await incoming;
    mesh.handleIncomingData(link);
    await vi.waitFor(() => expect(fromBen.isOpen).toBe(true));
    // Ben's state arrives while his link is still parked: we have not heard he was admitted.
    const delivered = new Promise((resolve) => link.events.once('message', resolve));
    fromBen.send(encodeMessage('media-state', { audio: true, video: true }));
    await delivered;
    mesh.setRoster({
      meetingId: MEETING_ID,
      version: 2,
      members: [
        { peerId: 'cvself', name: 'Ana', role: 'participant', fingerprint: self.localFingerprint },
        { peerId: 'cvben', name: 'Ben', role: 'participant', fingerprint: ben.localFingerprint },
      ],
    });
    await vi.waitFor(() => {
      const seen = mesh.participants('cvself').find((p) => p.name === 'Ben');
      expect([seen?.audioOn, seen?.videoOn]).toEqual([true, true]);
    });
  });
});
