import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { CHAT_VAULT_PREFIX, deleteDatabase, type Locks } from './stale-chat-vaults.ts';

const STORE = 'records';

interface SealedRecord {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

interface VaultSchema extends DBSchema {
  records: { key: string; value: SealedRecord };
}

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
    const releaseLock = await holdLock(locks, CHAT_VAULT_PREFIX + sessionId);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const db = await openDB<VaultSchema>(CHAT_VAULT_PREFIX + sessionId, 1, {
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
    await deleteDatabase(CHAT_VAULT_PREFIX + this.sessionId);
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
