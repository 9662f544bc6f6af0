import { useEffect, useState } from 'preact/hooks';

const RECHECK_MS = 3_000;

/**
 * Whether the meeting server can be reached. The browser's flag is only a hint: it says
 * "offline" on a machine whose only network is loopback, so an offline hint is checked with
 * `probe`, and checked again every few seconds until it answers.
 */
export function useOnline(probe: () => Promise<boolean>): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      clearTimeout(timer);
      const reachable = navigator.onLine || (await probe());
      if (stopped) return;
      setOnline(reachable);
      if (!reachable) timer = setTimeout(() => void check(), RECHECK_MS);
    };
    const onChange = () => void check();
    void check();
    window.addEventListener('online', onChange);
    window.addEventListener('offline', onChange);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onChange);
      window.removeEventListener('offline', onChange);
    };
  }, [probe]);
  return online;
}

/**
 * Runs `run(value)` now when online; offline, keeps the value and runs it once the connection
 * is back (the latest request wins; `cancel` drops it).
 */
export function useWhenOnline<T>(run: (value: T) => void, probe: () => Promise<boolean>) {
  const online = useOnline(probe);
  const [pending, setPending] = useState<T | null>(null);
  useEffect(() => {
    if (!online || pending === null) return;
    setPending(null);
    run(pending);
  }, [online, pending, run]);
  return {
    online,
    waiting: pending !== null,
    request: (value: T) => (online ? run(value) : setPending(() => value)),
    cancel: () => setPending(null),
  };
}
