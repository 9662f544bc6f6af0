/** Every chat vault's database is named this, then its session id. */
export const CHAT_VAULT_PREFIX = 'conclave-chat-';

/** The browser's lock manager; tests pass their own (Node has none). */
export type Locks = Pick<LockManager, 'request' | 'query'>;

/**
 * Deletes every chat database no open session holds: what a closed tab, a crash or a killed
 * browser left behind. Run at every start. Kept apart from the vault itself (and its `idb`), so
 * the lobby can fetch it when idle. A session takes its lock before it creates its database, so
 * any database listed here whose lock is not held belongs to no live session.
 */
export async function deleteStaleChatVaults(locks: Locks = navigator.locks): Promise<string[]> {
  const names = (await indexedDB.databases())
    .map((db) => db.name)
    .filter((name): name is string => !!name?.startsWith(CHAT_VAULT_PREFIX));
  const held = new Set(((await locks.query()).held ?? []).map((lock) => lock.name));
  const stale = names.filter((name) => !held.has(name));
  await Promise.all(stale.map((name) => deleteDatabase(name)));
  return stale;
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Blocked means a connection has not closed yet; ours close on versionchange, so wait.
  });
}
