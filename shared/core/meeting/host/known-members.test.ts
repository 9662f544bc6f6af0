import { describe, expect, it } from 'vitest';
import { fakeFingerprint } from '../../testing/fixtures.ts';
import { KnownMembers } from './known-members.ts';
import { MAX_RECENT_MEMBERS } from './meeting-store.ts';

const ana = {
  peerId: 'ana',
  name: 'Ana',
  role: 'participant' as const,
  fingerprint: fakeFingerprint(),
};

describe('KnownMembers', () => {
  it('recalls someone admitted before only by the same peer id and the same DTLS fingerprint', () => {
    const known = new KnownMembers([ana]);
    expect(known.recall({ peerId: 'ana', name: 'Whoever', fingerprint: ana.fingerprint })).toEqual(
      ana,
    );
    expect(known.recall({ peerId: 'ana', name: 'Ana', fingerprint: fakeFingerprint() })).toBeNull();
    expect(known.recall({ peerId: 'other', name: 'Ana', fingerprint: ana.fingerprint })).toBeNull();
  });

  it('never remembers the host, and forgets the oldest beyond its bound', () => {
    const known = new KnownMembers();
    const host = { ...ana, peerId: 'host', role: 'host' as const };
    const crowd = Array.from({ length: MAX_RECENT_MEMBERS + 1 }, (_, i) => ({
      ...ana,
      peerId: `p${i}`,
      fingerprint: fakeFingerprint(),
    }));
    known.remember([host, ...crowd]);
    expect(known.recall(host)).toBeNull();
    expect(known.recall(crowd[0]!)).toBeNull();
    expect(known.recall(crowd.at(-1)!)).toEqual(crowd.at(-1));
  });
});
