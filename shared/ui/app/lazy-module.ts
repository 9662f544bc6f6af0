import { useEffect, useState } from 'preact/hooks';
import { loadOnce } from '../../core/load-once.ts';
import { whenIdle } from '../meeting/when-idle.ts';

/** Code kept off the lobby's first load: fetched once when first needed (again after a failure). */
export interface LazyModule<T> {
  load(): Promise<T>;
  /** What has arrived, or null while it has not. */
  readonly loaded: T | null;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loaded: T | null = null;
  return {
    load: loadOnce(() => importer().then((value) => (loaded = value))),
    get loaded() {
      return loaded;
    },
  };
}

/**
 * A lazy module for a screen: fetched at once while `needed`, otherwise when the browser is idle
 * (so it is there before it is asked for). `failed` once a load `needed` did not arrive.
 */
export function useLazyModule<T>(module: LazyModule<T>, needed: boolean) {
  const [loaded, setLoaded] = useState(module.loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded) return;
    const load = () => {
      setFailed(false);
      module.load().then(
        (value) => setLoaded(() => value),
        () => setFailed(needed),
      );
    };
    if (needed) return load();
    return whenIdle(load);
  }, [module, needed, loaded]);
  return { loaded, failed };
}
