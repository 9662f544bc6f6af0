import { describe, expect, it, vi } from 'vitest';
import { encodeMessage } from '../protocol/codec.ts';
import { FakeMedia, fakeFingerprint, MemoryNetwork } from '../testing/fixtures.ts';
import type { DataLink } from '../signaling/transport.ts';
import { meshPair } from '../testing/mesh-pair.ts';
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

  it.each([
    ['PeerJS tells the caller its call was closed', true],
    ['the closed call goes silent, as PeerJS does with a dropped early call', false],
  ])('keeps the host’s call when host and guest call each other at once (%s)', async (_, told) => {
    const network = new MemoryNetwork();
    network.mediaCloseReachesPeer = told;
    const {
      transports: [host, gia],
      meshes: [hostMesh, giaMesh],
    } = await meshPair(
      network,
      [
        { peerId: 'cvhost', name: 'Hana', role: 'host' },
        { peerId: 'cvgia', name: 'Gia', role: 'participant' },
      ],
      3,
    );

    hostMesh.connect('cvgia', { data: false, media: true });
    giaMesh.connect('cvhost', { data: false, media: true });

    const [hostsCall] = host.mediaLinksWith('cvgia');
    const giasCall = gia.mediaLinksWith('cvhost').at(-1);
    await vi.waitFor(() => {
      const seenByHost = hostMesh.participants('cvhost').find((p) => p.name === 'Gia');
      const seenByGia = giaMesh.participants('cvgia').find((p) => p.name === 'Hana');
      expect(seenByHost?.connection).toBe('connected');
      expect(seenByGia?.connection).toBe('connected');
      expect(seenByHost?.stream).not.toBeNull();
      expect(seenByGia?.stream).not.toBeNull();
    });
    // One call is left at each end, and it is the host's: the guest's own was given up.
    expect(host.mediaLinksWith('cvgia').filter((l) => !l.isClosed)).toEqual([hostsCall]);
    const giasOpen = gia.mediaLinksWith('cvhost').filter((l) => !l.isClosed);
    expect(giasOpen).toHaveLength(1);
    expect(giasOpen[0]).not.toBe(giasCall);
  });

  it('keeps one data link, the same at both ends, when two peers place one at each other at once', async () => {
    const network = new MemoryNetwork();
    const {
      transports: [ana, ben],
      meshes: [anaMesh, benMesh],
    } = await meshPair(
      network,
      [
        { peerId: 'cvana', name: 'Ana', role: 'participant' },
        { peerId: 'cvben', name: 'Ben', role: 'participant' },
      ],
      3,
    );

    anaMesh.connect('cvben', { data: true, media: false });
    benMesh.connect('cvana', { data: true, media: false });

    await vi.waitFor(() => {
      expect(anaMesh.verifiedDataLink('cvben')).not.toBeNull();
      expect(benMesh.verifiedDataLink('cvana')).not.toBeNull();
    });
    // The one Ana placed (the lower id) goes on; Ben's own was given up.
    const [anasOwn] = ana.dataLinks;
    expect(anaMesh.verifiedDataLink('cvben')).toBe(anasOwn);
    expect(ana.dataLinksWith('cvben').filter((l) => !l.isClosed)).toEqual([anasOwn]);
    expect(ben.dataLinksWith('cvana').filter((l) => !l.isClosed)).toHaveLength(1);
    expect(ben.dataLinks[0]!.isClosed).toBe(true);
  });

  it('hands on binary messages (file data) from a verified link as they came, text as messages', async () => {
    const {
      meshes: [anaMesh, benMesh],
    } = await meshPair(
      new MemoryNetwork(),
      [
        { peerId: 'cvana', name: 'Ana', role: 'participant' },
        { peerId: 'cvben', name: 'Ben', role: 'participant' },
      ],
      3,
    );
    const binary: [string, ArrayBuffer][] = [];
    const messages: string[] = [];
    benMesh.events.on('binary', (peerId, data) => binary.push([peerId, data]));
    benMesh.events.on('message', (_, message) => messages.push(message.t));
    anaMesh.connect('cvben', { data: true, media: false });
    await vi.waitFor(() => expect(benMesh.verifiedDataLink('cvana')).not.toBeNull());
    anaMesh.sendMessage('cvben', new Uint8Array([1, 2, 3]));
    anaMesh.sendMessage('cvben', encodeMessage('leave', {}));
    await vi.waitFor(() => expect(messages).toEqual(['leave']));
    expect(binary.map(([peerId, data]) => [peerId, [...new Uint8Array(data)]])).toEqual([
      ['cvana', [1, 2, 3]],
    ]);
  });
});
