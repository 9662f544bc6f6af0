import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { CHAT_VAULT_PREFIX, deleteDatabase, type Locks } from './stale-chat-vaults.ts';

const STORE = 'records';

interface SealedRecord {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** A write waiting for the next commit. */
type Write = { kind: 'put'; record: Promise<SealedRecord> } | { kind: 'delete'; id: string };

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
  private queued: Write[] = [];
  /** The commit that writes asked for now join, until it takes them. */
  private next: Promise<void> | null = null;
  /** The last commit asked for; each waits for the one before it. */
  private last: Promise<void> = Promise.resolve();

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
    if (!this.closed) await this.write({ kind: 'put', record: this.seal(id, value) });
  }

  async delete(id: string): Promise<void> {
    if (!this.closed) await this.write({ kind: 'delete', id });
  }

  /** Every record that decrypts under this session's key; tampered ones are left out. */
  async readAll(): Promise<T[]> {
    await this.last.catch(() => undefined);
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

  /**
   * Writes asked for within one task share a transaction, in the order asked: a burst of
   * messages is one commit instead of one each. Relaxed durability: the vault lives only as long
   * as the session, and a crash's leftovers are deleted at the next start anyway.
   */
  private write(write: Write): Promise<void> {
    this.queued.push(write);
    this.next ??= this.commitAfterThisTask();
    return this.next;
  }

  /**
   * Runs after this task, and after the commit before it (a slower encryption may still hold it
   * up), so that bursts land in the order asked too.
   */
  private commitAfterThisTask(): Promise<void> {
    const before = this.last.catch(() => undefined);
    this.last = new Promise((resolve) => setTimeout(resolve))
      .then(() => before)
      .then(() => {
        const writes = this.queued;
        this.queued = [];
        this.next = null;
        return this.commit(writes);
      });
    return this.last;
  }

  private async commit(writes: Write[]): Promise<void> {
    // Sealed first: a transaction commits as soon as it has nothing left to do.
    const records = await Promise.all(writes.map((w) => (w.kind === 'put' ? w.record : null)));
    if (this.closed) return;
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'relaxed' });
    await Promise.all([
      ...writes.map((w, i) =>
        w.kind === 'put' ? tx.store.put(records[i]!) : tx.store.delete(w.id),
      ),
      tx.done,
    ]);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    this.releaseLock();
  }

  private async seal(id: string, value: T): Promise<SealedRecord> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plaintext = new TextEncoder().encode(JSON.stringify(value));
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: this.additionalData(id) },
      this.key,
      plaintext,
    );
    return { id, iv, ciphertext };
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
