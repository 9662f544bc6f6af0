import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { AdmissionDesk, type KnockAttempt } from '../../../core/meeting/host/admission-desk.ts';
import { defaultHostSettings } from '../../../core/meeting/host/admission-settings.ts';
import { HostWaitingRoom } from '../../../core/meeting/waiting-room/host-waiting-room.ts';
import { watchWaiting } from './waiting-view.ts';

const knock = (peerId: string): KnockAttempt => ({ peerId, name: peerId, transcript: 'T' });

async function knockAndWait(desk: AdmissionDesk, peerId: string): Promise<void> {
  const outcome = await desk.evaluate(knock(peerId));
  if (outcome.decision !== 'lobby') throw new Error('expected the lobby');
  void desk.wait(knock(peerId), outcome);
}

function setUp(mayDecide = true) {
  const desk = new AdmissionDesk(defaultHostSettings().admission);
  const allowed = signal(mayDecide);
  const heard: string[] = [];
  const waiting = watchWaiting(new HostWaitingRoom(desk), allowed, (text) => heard.push(text));
  const names = () => waiting.value.map((e) => e.name);
  return { desk, allowed, heard, names };
}

describe('watchWaiting', () => {
  it('follows who waits and announces each knock once', async () => {
    const { desk, heard, names } = setUp();
    expect(names()).toEqual([]);
    await knockAndWait(desk, 'ana');
    await knockAndWait(desk, 'ben');
    expect(names()).toEqual(['ana', 'ben']);
    desk.admit('ana');
    expect(names()).toEqual(['ben']);
    desk.deny('ben');
    expect(names()).toEqual([]);
    expect(heard).toEqual(['ana is waiting to join', 'ben is waiting to join']);
  });

  it('shows and announces nothing to someone who may not admit, and follows a change of role', async () => {
    const { desk, allowed, heard, names } = setUp(false);
    await knockAndWait(desk, 'ana');
    expect(names()).toEqual([]);
    expect(heard).toEqual([]);
    // Made co-host: who already waits shows at once; the next knock is announced.
    allowed.value = true;
    expect(names()).toEqual(['ana']);
    await knockAndWait(desk, 'ben');
    expect(heard).toEqual(['ben is waiting to join']);
    // No longer co-host: the list goes.
    allowed.value = false;
    expect(names()).toEqual([]);
  });
});
