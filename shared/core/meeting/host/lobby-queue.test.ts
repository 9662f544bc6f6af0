import { describe, expect, it } from 'vitest';
import { MAX_LOBBY } from '../../protocol/schemas.ts';
import { LobbyQueue, type LobbyEntry } from './lobby-queue.ts';

const entry = (peerId: string, name = peerId): LobbyEntry => ({
  id: `entry-${peerId}`,
  peerId,
  name,
  keyLabel: null,
  reason: 'waiting',
  since: 0,
});

describe('LobbyQueue', () => {
  it('holds knocks in order until each is decided, then forgets them', async () => {
    let changes = 0;
    const lobby = new LobbyQueue(() => changes++);
    const ana = lobby.enter(entry('ana'));
    const ben = lobby.enter(entry('ben'));
    expect(lobby.list().map((e) => e.name)).toEqual(['ana', 'ben']);
    expect(lobby.decide('ana', { admit: true, role: 'viewer', key: null })).toBe(true);
    expect(lobby.decide('ben', { admit: false, reason: 'denied' })).toBe(true);
    await expect(ana).resolves.toEqual({ admit: true, role: 'viewer', key: null });
    await expect(ben).resolves.toEqual({ admit: false, reason: 'denied' });
    expect(lobby.list()).toEqual([]);
    expect(lobby.decide('ana', { admit: false, reason: 'denied' })).toBe(false);
    expect(changes).toBe(4);
  });

  it('keeps one place per peer id: a second knock replaces the first, which is refused', async () => {
    const lobby = new LobbyQueue(() => undefined);
    const first = lobby.enter(entry('ana', 'Ana'));
    void lobby.enter(entry('ana', 'Ana again'));
    await expect(first).resolves.toEqual({ admit: false, reason: 'denied' });
    expect(lobby.list().map((e) => e.name)).toEqual(['Ana again']);
  });

  it('reports full at the bound', () => {
    const lobby = new LobbyQueue(() => undefined);
    for (let i = 0; i < MAX_LOBBY - 1; i++) void lobby.enter(entry(`p${i}`));
    expect(lobby.isFull).toBe(false);
    void lobby.enter(entry('last'));
    expect(lobby.isFull).toBe(true);
    lobby.update('last', { reason: 'wrong-password' });
    expect(lobby.list().at(-1)?.reason).toBe('wrong-password');
  });
});
