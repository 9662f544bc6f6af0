/**
 * Node has no Web Locks: a minimal exclusive lock manager for unit tests. A request for a held
 * lock fails, or with `ifAvailable` runs its callback with no lock, as the browser's does.
 */
export class TestLocks implements Pick<LockManager, 'request' | 'query'> {
  private readonly held = new Set<string>();

  request = ((
    name: string,
    options: LockOptions,
    callback: (lock: Lock | null) => Promise<unknown> | unknown,
  ) => {
    if (this.held.has(name)) {
      if (options.ifAvailable) return Promise.resolve(callback(null));
      return Promise.reject(new Error(`${name} is held`));
    }
    this.held.add(name);
    return Promise.resolve(callback({ name, mode: 'exclusive' })).finally(() =>
      this.held.delete(name),
    );
  }) as LockManager['request'];

  query = () => Promise.resolve({ held: [...this.held].map((name) => ({ name })), pending: [] });
}
