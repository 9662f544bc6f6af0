import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARD_LIMITS, ServerMessageGuard } from './server-message-guard.ts';

const SRC = 'cv0123456789abcdef0123456789abcdef';
const offerSdp = { type: 'offer', sdp: 'v=0\r\n' };

function setup() {
  let now = 1_000_000;
  const connections = new Map<string, Set<string>>();
  const logs: string[] = [];
  const trusted = new Set<string>();
  const guard = new ServerMessageGuard({
    isTrusted: (peerId) => trusted.has(peerId),
    hasConnection: (peerId, id) => !!connections.get(peerId)?.has(id),
    connectionCount: (peerId) =>
      peerId === undefined
        ? [...connections.values()].reduce((n, set) => n + set.size, 0)
        : (connections.get(peerId)?.size ?? 0),
    now: () => now,
    log: (line) => logs.push(line),
  });
  /** Admits an offer and, like PeerJS, keeps a connection for it. */
  const offer = (connectionId: string, extra: Record<string, unknown> = {}, src = SRC) => {
    const ok = guard.admit({
      type: 'OFFER',
      src,
      payload: { type: 'data', serialization: 'raw', connectionId, sdp: offerSdp, ...extra },
    });
    if (ok) connections.set(src, (connections.get(src) ?? new Set()).add(connectionId));
    return ok;
  };
  const close = (connectionId: string, src = SRC) => connections.get(src)?.delete(connectionId);
  const later = (ms: number) => (now += ms);
  return { guard, offer, close, later, logs, trusted };
}

const candidate = (connectionId: string, src = SRC) => ({
  type: 'CANDIDATE',
  src,
  payload: {
    type: 'data',
    connectionId,
    candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' },
  },
});

describe('ServerMessageGuard', () => {
  it('lets through what a real server sends for a real connection', () => {
    const { guard, offer } = setup();
    expect(guard.admit({ type: 'OPEN' })).toBe(true);
    expect(offer('dc_abc123')).toBe(true);
    expect(guard.admit(candidate('dc_abc123'))).toBe(true);
    expect(
      guard.admit({
        type: 'ANSWER',
        src: SRC,
        payload: { type: 'data', connectionId: 'dc_abc123', sdp: { type: 'answer', sdp: 'v=0' } },
      }),
    ).toBe(true);
    expect(guard.admit({ type: 'EXPIRE', src: SRC })).toBe(true);
    expect(guard.admit({ type: 'ERROR', payload: { msg: 'Invalid token' } })).toBe(true);
  });

  it('refuses data connections in any serialization but ours, before PeerJS builds one', () => {
    const { offer } = setup();
    expect(offer('dc_bin', { serialization: 'binary' })).toBe(false);
    expect(offer('dc_ctor', { serialization: 'constructor' })).toBe(false);
    expect(offer('dc_proto', { serialization: '__proto__' })).toBe(false);
    expect(offer('dc_json', { serialization: 'json' })).toBe(false);
    expect(offer('mc_media', { type: 'media', serialization: 'constructor' })).toBe(true);
    expect(offer('xx_kind', { type: 'screen' })).toBe(false);
  });

  it('keeps nothing for connections it does not know (candidate flood with fresh ids)', () => {
    const { guard, logs } = setup();
    let admitted = 0;
    for (let i = 0; i < 10_000; i++) if (guard.admit(candidate(`dc_${i.toString(36)}`))) admitted++;
    expect(admitted).toBe(0);
    // The log grows with the logarithm of the flood, not with it.
    expect(logs.length).toBeLessThanOrEqual(15);
  });

  it('bounds candidates for one known connection', () => {
    const { guard, offer } = setup();
    offer('dc_one');
    let admitted = 0;
    for (let i = 0; i < 1000; i++) if (guard.admit(candidate('dc_one'))) admitted++;
    expect(admitted).toBe(DEFAULT_GUARD_LIMITS.messagesPerConnection);
  });

  it('rate-limits offers and bounds connections per peer and in all', () => {
    const { offer, close, later } = setup();
    // One peer: a few connections at a time.
    const fromOne = Array.from({ length: 10 }, (_, i) => offer(`dc_a${i}`)).filter(Boolean);
    expect(fromOne).toHaveLength(DEFAULT_GUARD_LIMITS.connectionsPerPeer);
    for (let i = 0; i < 10; i++) close(`dc_a${i}`);
    // A flood from fresh ids: the burst, then the rate.
    let admitted = 0;
    for (let i = 0; i < 1000; i++) {
      const src = `cv${i.toString(16).padStart(32, '0')}`;
      if (offer(`dc_f${i}`, {}, src)) {
        admitted++;
        close(`dc_f${i}`, src);
      }
    }
    expect(admitted).toBe(
      DEFAULT_GUARD_LIMITS.offers.burst - DEFAULT_GUARD_LIMITS.connectionsPerPeer,
    );
    later(10_000);
    expect(offer('dc_later', {}, `cv${'e'.repeat(32)}`)).toBe(true);
  });

  it('limits each stranger to a few offers, then one every two seconds', () => {
    const { offer, close, later } = setup();
    let admitted = 0;
    for (let i = 0; i < 100; i++) {
      if (offer(`dc_s${i}`)) {
        admitted++;
        close(`dc_s${i}`);
      }
    }
    expect(admitted).toBe(DEFAULT_GUARD_LIMITS.offersPerPeer.burst);
    later(2000);
    expect(offer('dc_after')).toBe(true);
    expect(offer('dc_again')).toBe(false);
  });

  it('lets roster members through when strangers have spent every offer', () => {
    const { offer, close, trusted } = setup();
    for (let i = 0; i < 1000; i++) {
      const src = `cv${i.toString(16).padStart(32, '0')}`;
      if (offer(`dc_f${i}`, {}, src)) close(`dc_f${i}`, src);
    }
    const stranger = `cv${'a'.repeat(32)}`;
    const member = `cv${'b'.repeat(32)}`;
    trusted.add(member);
    expect(offer('dc_stranger', {}, stranger)).toBe(false);
    expect(offer('dc_member', {}, member)).toBe(true);
  });

  it('drops malformed messages without throwing', () => {
    const { guard } = setup();
    for (const junk of [
      null,
      42,
      'OPEN',
      [],
      { type: 7 },
      { type: 'ERROR' },
      { type: 'LEAVE', src: { toString: 1 } },
      { type: 'OFFER', src: SRC },
      { type: 'OFFER', src: SRC, payload: { connectionId: 'dc_x', type: 'data' } },
      { type: 'CANDIDATE', src: '../../', payload: { connectionId: 'dc_x' } },
      { type: 'HEARTBEAT' },
      { type: 'X'.repeat(10_000), src: SRC, payload: { connectionId: 'dc_x' } },
    ]) {
      expect(guard.admit(junk)).toBe(false);
    }
  });
});
