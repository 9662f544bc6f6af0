import type { Role, RosterBody } from '../protocol/schemas.ts';
import { PeerMesh } from '../meeting/mesh.ts';
import { FakeMedia, fakeFingerprint, type MemoryNetwork } from './fixtures.ts';

interface Person {
  peerId: string;
  name: string;
  role: Role;
}

/**
 * Two people on one in-memory network, each with a mesh that takes incoming data and media links
 * and knows both from one roster (of `version`), with nobody connected yet.
 */
export async function meshPair(network: MemoryNetwork, people: [Person, Person], version: number) {
  const transports = people.map((p) => network.transport(p.peerId, fakeFingerprint()));
  await Promise.all(transports.map((t) => t.open()));
  const roster: RosterBody = {
    meetingId: '0123456789abcdef0123456789abcdef',
    version,
    members: people.map((p, i) => ({ ...p, fingerprint: transports[i]!.localFingerprint })),
  };
  const meshes = transports.map((transport, i) => {
    const mesh = new PeerMesh({
      transport,
      selfFingerprint: transport.localFingerprint,
      media: new FakeMedia(people[i]!.name),
      log: () => undefined,
    });
    transport.events.on('data-link', (link) => mesh.handleIncomingData(link));
    transport.events.on('media-link', (link) => mesh.handleIncomingMedia(link));
    mesh.setRoster(roster);
    return mesh;
  });
  return {
    transports: transports as [(typeof transports)[0], (typeof transports)[0]],
    meshes: meshes as [PeerMesh, PeerMesh],
    roster,
  };
}
