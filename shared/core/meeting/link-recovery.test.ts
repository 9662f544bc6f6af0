import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConclaveError } from '../errors.ts';
import { fakeFingerprint, MemoryNetwork } from '../testing/fixtures.ts';
import { meshPair } from '../testing/mesh-pair.ts';
import { REDIAL_TIMEOUT_MS } from './link-recovery.ts';

/** Ana placed the call to Ben; both meshes have both on their roster. */
async function twoPeopleInACall() {
  const network = new MemoryNetwork();
  const {
    transports: [ana, ben],
    meshes: [anaMesh, benMesh],
    roster,
  } = await meshPair(
    network,
    [
      { peerId: 'cvana', name: 'Ana', role: 'host' },
      { peerId: 'cvben', name: 'Ben', role: 'participant' },
    ],
    2,
  );
  const alerts: ConclaveError[] = [];
  for (const mesh of [anaMesh, benMesh]) {
    mesh.events.on('security-alert', (error) => alerts.push(error));
  }
  anaMesh.connect('cvben', { data: false, media: true });
  const seen = () => ({
    byAna: anaMesh.participants('cvana').find((p) => p.name === 'Ben')!.connection,
    byBen: benMesh.participants('cvben').find((p) => p.name === 'Ana')!.connection,
  });
  await vi.waitFor(() => expect(seen()).toEqual({ byAna: 'connected', byBen: 'connected' }));
  return { network, ana, ben, anaMesh, benMesh, roster, seen, alerts };
}

describe('media links through network trouble', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('shows both people as reconnecting while the link is interrupted, and back on the same link', async () => {
    const { ana, seen } = await twoPeopleInACall();
    const [call] = ana.mediaLinks;
    call!.interrupt();
    expect(seen()).toEqual({ byAna: 'reconnecting', byBen: 'reconnecting' });
    call!.restore();
    await vi.waitFor(() => expect(seen()).toEqual({ byAna: 'connected', byBen: 'connected' }));
    expect(ana.mediaLinks).toHaveLength(1);
    expect(call!.isClosed).toBe(false);
  });

  it('places the call again when the link fails, and sends only once the new one is verified', async () => {
    const { ana, ben, seen, anaMesh } = await twoPeopleInACall();
    ana.mediaLinks[0]!.fail();
    expect(seen()).toEqual({ byAna: 'reconnecting', byBen: 'reconnecting' });
    // The side that placed the call places it again; the other side answers it.
    await vi.waitFor(() => expect(ana.mediaLinks).toHaveLength(2));
    await vi.waitFor(() => expect(seen()).toEqual({ byAna: 'connected', byBen: 'connected' }));
    const [, again] = ana.mediaLinks;
    expect(anaMesh.mediaLink('cvben')).toBe(again);
    expect(again!.sentTracks.get('video')).toEqual({ kind: 'video' });
    expect(ben.mediaLinks.filter((l) => !l.isClosed)).toHaveLength(1);
  });

  it('keeps placing the call while the other side cannot be reached, and at once when the server is back', async () => {
    const { network, ana, ben, seen } = await twoPeopleInACall();
    network.unregister(ben);
    ana.mediaLinks[0]!.fail();
    await vi.waitFor(() => expect(ana.mediaLinks).toHaveLength(2));
    // Unanswered: given up after REDIAL_TIMEOUT_MS, then placed again after a pause.
    await vi.advanceTimersByTimeAsync(REDIAL_TIMEOUT_MS + 1_000);
    expect(ana.mediaLinks).toHaveLength(3);
    expect(ana.mediaLinks[1]!.isClosed).toBe(true);
    expect(seen().byAna).toBe('reconnecting');
    // The server is back: a call placed while it was away is placed again now.
    ana.events.emit('server-connection', 'connected');
    await vi.waitFor(() => expect(ana.mediaLinks).toHaveLength(4));
    expect(ana.mediaLinks[2]!.isClosed).toBe(true);
    // Given up again and waiting out a pause: when the server is back, the call goes now.
    await vi.advanceTimersByTimeAsync(REDIAL_TIMEOUT_MS + 100);
    expect(ana.mediaLinks).toHaveLength(4);
    network.register(ben);
    ana.events.emit('server-connection', 'connected');
    await vi.waitFor(() => expect(ana.mediaLinks).toHaveLength(5));
    await vi.waitFor(() => expect(seen()).toEqual({ byAna: 'connected', byBen: 'connected' }));
  });

  it('checks the new call against the roster: a man in the middle gets nothing', async () => {
    const { network, ana, seen, alerts } = await twoPeopleInACall();
    const mitm = fakeFingerprint();
    network.interceptFingerprint = () => mitm;
    ana.mediaLinks[0]!.fail();
    await vi.waitFor(() => expect(alerts.length).toBeGreaterThan(0));
    const [, again] = ana.mediaLinks;
    expect(again!.isClosed).toBe(true);
    expect(again!.sentTracks.get('video') ?? null).toBeNull();
    expect(seen().byAna).not.toBe('connected');
    // Nor does he get us calling again and again.
    await vi.advanceTimersByTimeAsync(REDIAL_TIMEOUT_MS * 4);
    expect(ana.mediaLinks).toHaveLength(2);
  });

  it('stops placing calls to someone who left the roster', async () => {
    const { network, ana, ben, anaMesh, roster } = await twoPeopleInACall();
    network.unregister(ben);
    ana.mediaLinks[0]!.fail();
    await vi.waitFor(() => expect(ana.mediaLinks).toHaveLength(2));
    anaMesh.setRoster({ ...roster, version: 3, members: roster.members.slice(0, 1) });
    await vi.advanceTimersByTimeAsync(REDIAL_TIMEOUT_MS * 4);
    expect(ana.mediaLinks).toHaveLength(2);
    expect(anaMesh.participants('cvana').map((p) => p.name)).toEqual(['Ana']);
  });
});
