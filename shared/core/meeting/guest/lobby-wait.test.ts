import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../errors.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import { fakeFingerprint } from '../../testing/fixtures.ts';
import { MemoryDataLink } from '../../testing/memory-transport.ts';
import { HANDSHAKE_TIMEOUT_MS, LinkTimeoutError } from '../link-messages.ts';
import { GUEST_LOBBY_WAIT_MS, waitForDecision } from './lobby-wait.ts';

function openLink() {
  const link = new MemoryDataLink('cvhost', {
    local: fakeFingerprint(),
    remote: fakeFingerprint(),
  });
  link.markOpen();
  return link;
}

describe('waiting for the host’s decision', () => {
  afterEach(() => vi.useRealTimers());

  it('gives up after the handshake timeout when the host says nothing at all', async () => {
    vi.useFakeTimers();
    const decision = waitForDecision(openLink(), HANDSHAKE_TIMEOUT_MS, () => undefined, vi.fn());
    const outcome = expect(decision).rejects.toBeInstanceOf(LinkTimeoutError);
    await vi.advanceTimersByTimeAsync(HANDSHAKE_TIMEOUT_MS);
    await outcome;
  });

  it('waits in the lobby much longer than a handshake, then stops with a clear reason', async () => {
    vi.useFakeTimers();
    const link = openLink();
    const seen = vi.fn();
    const decision = waitForDecision(link, HANDSHAKE_TIMEOUT_MS, () => undefined, seen);
    link.events.emit('message', encodeMessage('waiting', { reason: 'waiting' }));
    expect(seen).toHaveBeenCalledWith(expect.objectContaining({ reason: 'waiting' }));
    let settled = false;
    void decision.catch(() => (settled = true));
    await vi.advanceTimersByTimeAsync(GUEST_LOBBY_WAIT_MS - 1);
    expect(settled).toBe(false);
    const outcome = expect(decision).rejects.toMatchObject({ code: ErrorCode.LobbyTimeout });
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
  });

  it('resolves with the host’s admit or deny, and treats anything else as a violation', async () => {
    const link = openLink();
    const denied = waitForDecision(link, HANDSHAKE_TIMEOUT_MS, () => undefined, vi.fn());
    link.events.emit('message', encodeMessage('deny', { reason: 'locked' }));
    await expect(denied).resolves.toMatchObject({ t: 'deny', reason: 'locked' });
    const confused = waitForDecision(link, HANDSHAKE_TIMEOUT_MS, () => undefined, vi.fn());
    link.events.emit('message', encodeMessage('leave', {}));
    await expect(confused).rejects.toMatchObject({ code: ErrorCode.ProtocolViolation });
  });
});
