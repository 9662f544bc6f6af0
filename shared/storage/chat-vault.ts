import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

const DB_PREFIX = 'conclave-chat-';
const STORE = 'records';

interface SealedRecord {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

interface VaultSchema extends DBSchema {
  records: { key: string; value: SealedRecord };
}

/** The browser's lock manager; tests pass their own (Node has none). */
export type Locks = Pick<LockManager, 'request' | 'query'>;

/**
 * One meeting session's chat at rest: only AES-GCM-256 ciphertext, under a key made for this
 * session with `extractable: false` and never stored anywhere, so nothing is readable once the
 * page is gone. Each record gets a fresh 96-bit IV; the session id and record id are the
 * additional data, so a record cannot be moved to another id or session. A Web Lock held for the
 * session marks the database as in use, so other tabs' start-up clean-up leaves it alone.
 */
export class ChatVault<T> {
  private closed = false;

  private constructor(
    private readonly sessionId: string,
    private readonly db: IDBPDatabase<VaultSchema>,
    private readonly key: CryptoKey,
    private readonly releaseLock: () => void,
  ) {}

  static async open<T>(sessionId: string, locks: Locks = navigator.locks): Promise<ChatVault<T>> {
    const releaseLock = await holdLock(locks, DB_PREFIX + sessionId);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const db = await openDB<VaultSchema>(DB_PREFIX + sessionId, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'id' });
      },
    });
    const vault = new ChatVault<T>(sessionId, db, key, releaseLock);
    // Someone is deleting this database (leave in another tab, start-up clean-up): let them.
    db.addEventListener('versionchange', () => vault.close());
    return vault;
  }

  async put(id: string, value: T): Promise<void> {
    if (this.closed) return;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plaintext = new TextEncoder().encode(JSON.stringify(value));
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: this.additionalData(id) },
      this.key,
      plaintext,
    );
    if (this.closed) return;
    await this.db.put(STORE, { id, iv, ciphertext });
  }

  async delete(id: string): Promise<void> {
    if (!this.closed) await this.db.delete(STORE, id);
  }

  /** Every record that decrypts under this session's key; tampered ones are left out. */
  async readAll(): Promise<T[]> {
    if (this.closed) return [];
    const sealed = await this.db.getAll(STORE);
    const values: T[] = [];
    for (const record of sealed) {
      const value = await this.unseal(record);
      if (value !== null) values.push(value);
    }
    return values;
  }

  /** Closes the vault and deletes its database: for leave, end for all and pagehide. */
  async destroy(): Promise<void> {
    this.close();
    await deleteDatabase(DB_PREFIX + this.sessionId);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    this.releaseLock();
  }

  private async unseal(record: SealedRecord): Promise<T | null> {
    try {
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: record.iv, additionalData: this.additionalData(record.id) },
        this.key,
        record.ciphertext,
      );
      return JSON.parse(new TextDecoder().decode(plaintext)) as T;
    } catch {
      return null;
    }
  }

  private additionalData(recordId: string): Uint8Array<ArrayBuffer> {
    return new TextEncoder().encode(`${this.sessionId}|${recordId}`);
  }
}

/**
 * Deletes every chat database no open session holds: what a closed tab, a crash or a killed
 * browser left behind. Run at every start.
 */
export async function deleteStaleChatVaults(locks: Locks = navigator.locks): Promise<string[]> {
  const names = (await indexedDB.databases())
    .map((db) => db.name)
    .filter((name): name is string => !!name?.startsWith(DB_PREFIX));
  const held = new Set(((await locks.query()).held ?? []).map((lock) => lock.name));
  const stale = names.filter((name) => !held.has(name));
  await Promise.all(stale.map((name) => deleteDatabase(name)));
  return stale;
}

/** Holds a Web Lock until the returned function is called. */
function holdLock(locks: Locks, name: string): Promise<() => void> {
  return new Promise((resolveHeld, rejectHeld) => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    locks
      .request(name, { mode: 'exclusive' }, () => {
        resolveHeld(release);
        return released;
      })
      .catch(rejectHeld);
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Blocked means a connection has not closed yet; ours close on versionchange, so wait.
  });
}
