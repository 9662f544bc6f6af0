/**
 * Runs each action on the store `load` gives, loading it at the first action only (and again
 * after a failed load): a store whose code stays off a page's first load until it is used.
 */
export function loadOnFirstUse<S>(load: () => Promise<S>) {
  let store: Promise<S> | null = null;
  return async <T>(action: (store: S) => Promise<T>): Promise<T> => {
    store ??= load().catch((error: unknown) => {
      store = null;
      throw error;
    });
    return action(await store);
  };
}
