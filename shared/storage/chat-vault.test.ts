import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatVault } from './chat-vault.ts';
import { TestLocks } from '../core/testing/test-locks.ts';
import { deleteStaleChatVaults } from './stale-chat-vaults.ts';

const chatDatabases = async () =>
  (await indexedDB.databases()).map((db) => db.name).filter((n) => n?.startsWith('conclave-chat-'));

describe('ChatVault', () => {
  const locks = new TestLocks();
  afterEach(async () => {
    await deleteStaleChatVaults(locks);
  });

  it('keeps only ciphertext, bound to its session and record id', async () => {
    const vault = await ChatVault.open<{ text: string }>('s1', locks);
    await vault.put('m1', { text: 'marker-7f3a secret diagnosis' });
    expect(await vault.readAll()).toEqual([{ text: 'marker-7f3a secret diagnosis' }]);

    const raw = await openDB('conclave-chat-s1');
    const stored = await raw.getAll('records');
    raw.close();
    expect(JSON.stringify(stored)).not.toContain('marker-7f3a');
    const bytes = new Uint8Array(stored[0].ciphertext as ArrayBuffer);
    expect(new TextDecoder().decode(bytes)).not.toContain('marker-7f3a');
    expect(stored[0].iv).toHaveLength(12);
    await vault.destroy();
  });

  it('uses a fresh IV per record', async () => {
    const vault = await ChatVault.open<string>('s2', locks);
    await vault.put('a', 'same');
    await vault.put('b', 'same');
    const raw = await openDB('conclave-chat-s2');
    const [a, b] = await raw.getAll('records');
    raw.close();
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    await vault.destroy();
  });

  it('drops a record moved to another id (the id is authenticated)', async () => {
    const vault = await ChatVault.open<string>('s3', locks);
    await vault.put('a', 'hello');
    const raw = await openDB('conclave-chat-s3');
    const [record] = await raw.getAll('records');
    await raw.put('records', { ...record, id: 'b' });
    raw.close();
    expect(await vault.readAll()).toEqual(['hello']);
    await vault.destroy();
  });

  it('applies writes in the order they were asked for, also within one burst', async () => {
    const vault = await ChatVault.open<string>('s6', locks);
    await Promise.all([vault.put('a', 'gone'), vault.delete('a'), vault.put('b', 'kept')]);
    expect(await vault.readAll()).toEqual(['kept']);
    await Promise.all([vault.delete('b'), vault.put('b', 'again')]);
    expect(await vault.readAll()).toEqual(['again']);
    await vault.destroy();
  });

  it('applies a later burst after an earlier one whose encryption is slower, and reads both', async () => {
    const vault = await ChatVault.open<string>('s7', locks);
    let sealed!: () => void;
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'encrypt').mockImplementationOnce(async (...args) => {
      await new Promise<void>((resolve) => (sealed = resolve));
      return encrypt(...args);
    });
    const nextTask = () => new Promise((resolve) => setTimeout(resolve));
    try {
      const put = vault.put('a', 'gone');
      await nextTask(); // its commit has started, and waits for the encryption
      const deleted = vault.delete('a');
      const read = vault.readAll();
      await nextTask(); // the delete's own commit has started
      sealed();
      await Promise.all([put, deleted]);
      expect(await read).toEqual([]);
      expect(await vault.readAll()).toEqual([]);
    } finally {
      spy.mockRestore();
      await vault.destroy();
    }
  });

  it('destroy deletes the database', async () => {
    const vault = await ChatVault.open<string>('s4', locks);
    await vault.put('a', 'x');
    await vault.destroy();
    expect(await chatDatabases()).not.toContain('conclave-chat-s4');
  });

  it('start-up clean-up deletes what closed sessions left, never a live one', async () => {
    const live = await ChatVault.open<string>('live', locks);
    await live.put('a', 'still here');
    // A crashed session: its database is there, nobody holds its lock.
    const orphan = await openDB('conclave-chat-crashed', 1, {
      upgrade: (db) => db.createObjectStore('records', { keyPath: 'id' }),
    });
    orphan.close();

    expect(await deleteStaleChatVaults(locks)).toEqual(['conclave-chat-crashed']);
    expect(await chatDatabases()).toEqual(['conclave-chat-live']);
    expect(await live.readAll()).toEqual(['still here']);
    await live.destroy();
  });

  it('a deletion elsewhere is never blocked by an open vault', async () => {
    const vault = await ChatVault.open<string>('s5', locks);
    await vault.put('a', 'x');
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase('conclave-chat-s5');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked'));
    });
    expect(await vault.readAll()).toEqual([]);
  });
});
