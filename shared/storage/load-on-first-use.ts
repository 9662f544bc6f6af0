import { loadOnce } from '../core/load-once.ts';

/**
 * Runs each action on the store `load` gives, loading it at the first action only (and again
 * after a failed load): a store whose code stays off a page's first load until it is used.
 */
export function loadOnFirstUse<S>(load: () => Promise<S>) {
  const store = loadOnce(load);
  return async <T>(action: (store: S) => Promise<T>): Promise<T> => action(await store());
}
