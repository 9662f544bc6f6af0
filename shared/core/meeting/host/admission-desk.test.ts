import { describe, expect, it } from 'vitest';
import { AdmissionDesk, type KnockAttempt } from './admission-desk.ts';
import { defaultHostSettings } from './admission-settings.ts';
import { MAX_LOBBY } from '../../protocol/schemas.ts';

const knock = (peerId: string): KnockAttempt => ({ peerId, name: peerId, transcript: 'T' });

describe('AdmissionDesk', () => {
  it('holds at most 50 in the lobby and refuses the next with "lobby-full"', async () => {
    // Knocks 3.1 s apart: never more than 20 a minute, so the meeting does not lock itself.
    let now = 0;
    const desk = new AdmissionDesk(defaultHostSettings().admission, () => (now += 3_100));
    for (let i = 0; i < MAX_LOBBY + 10; i++) {
      const outcome = await desk.evaluate(knock(`p${i}`));
      if (outcome.decision === 'lobby') void desk.wait(knock(`p${i}`), outcome);
      else expect(outcome).toEqual({ decision: 'deny', reason: 'lobby-full' });
    }
    expect(desk.waiting).toHaveLength(MAX_LOBBY);
  });

  it('gives a newer knock from the same peer id the older one’s place', async () => {
    const desk = new AdmissionDesk(defaultHostSettings().admission);
    const outcome = await desk.evaluate(knock('ana'));
    if (outcome.decision !== 'lobby') throw new Error('expected the lobby');
    const first = desk.wait(knock('ana'), outcome);
    const second = desk.wait({ ...knock('ana'), name: 'Ana again' }, outcome);
    await expect(first).resolves.toEqual({ admit: false, reason: 'denied' });
    expect(desk.waiting.map((e) => e.name)).toEqual(['Ana again']);
    desk.admit('ana', 'viewer');
    await expect(second).resolves.toEqual({ admit: true, role: 'viewer', key: null });
  });

  it('refuses knocks without proof once locked, with the reason', async () => {
    const desk = new AdmissionDesk(defaultHostSettings().admission);
    desk.setLocked(true);
    expect(await desk.evaluate(knock('ana'))).toEqual({ decision: 'deny', reason: 'locked' });
  });
});
