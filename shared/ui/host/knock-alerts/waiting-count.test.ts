import { describe, expect, it } from 'vitest';
import { AdmissionDesk, type KnockAttempt } from '../../../core/meeting/host/admission-desk.ts';
import { defaultHostSettings } from '../../../core/meeting/host/admission-settings.ts';
import { HostWaitingRoom } from '../../../core/meeting/waiting-room/host-waiting-room.ts';
import { watchWaitingCount } from './waiting-count.ts';

const knock = (peerId: string): KnockAttempt => ({ peerId, name: peerId, transcript: 'T' });

async function knockAndWait(desk: AdmissionDesk, peerId: string): Promise<void> {
  const outcome = await desk.evaluate(knock(peerId));
  if (outcome.decision !== 'lobby') throw new Error('expected the lobby');
  void desk.wait(knock(peerId), outcome);
}

/** Lets the count's coalesced report run. */
const settled = () => Promise.resolve();

describe('watchWaitingCount', () => {
  it('follows knocks, admissions, denials and departures, and says 0 when stopped', async () => {
    const desk = new AdmissionDesk(defaultHostSettings().admission);
    const shown: number[] = [];
    const stop = watchWaitingCount(new HostWaitingRoom(desk), (count) => shown.push(count));
    await knockAndWait(desk, 'ana');
    await knockAndWait(desk, 'ben');
    await knockAndWait(desk, 'cy');
    desk.admit('ana');
    await settled();
    desk.deny('ben');
    await settled();
    desk.settleLobby('cy', { admit: false, reason: 'denied' });
    await settled();
    await knockAndWait(desk, 'dee');
    stop();
    expect(shown).toEqual([0, 1, 2, 3, 2, 1, 0, 1, 0]);
  });

  it('reports "Admit all" once, when everyone is in', async () => {
    const desk = new AdmissionDesk(defaultHostSettings().admission);
    for (const peerId of ['ana', 'ben', 'cy']) await knockAndWait(desk, peerId);
    const shown: number[] = [];
    watchWaitingCount(new HostWaitingRoom(desk), (count) => shown.push(count));
    desk.admitAll();
    await settled();
    expect(shown).toEqual([3, 0]);
  });

  it('reports only changes of the count, not every redraw of the desk', async () => {
    const desk = new AdmissionDesk(defaultHostSettings().admission);
    await knockAndWait(desk, 'ana');
    const shown: number[] = [];
    const stop = watchWaitingCount(new HostWaitingRoom(desk), (count) => shown.push(count));
    // A knock taking its own older place, a lock and a new key all redraw; the count stays 1.
    await knockAndWait(desk, 'ana');
    desk.setLocked(true);
    await desk.issueKey({ label: 'doctor', role: 'participant' });
    await settled();
    expect(shown).toEqual([1]);
    // Stopped: 0 once, and a change already under way is not reported after it.
    desk.admit('ana');
    stop();
    stop();
    await settled();
    expect(shown).toEqual([1, 0]);
  });
});
