import { useEffect, useState } from 'preact/hooks';

/**
 * A list kept on this device, read again after every change. `problem` says when it could not
 * be read or a change could not be saved, until a later change succeeds.
 */
export function useStoredList<T>(store: { list(): Promise<T[]> }, unreadable: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = () => store.list().then(setItems, () => setProblem(unreadable));
  useEffect(() => void reload(), [store]);

  /** Resolves to whether the change was saved, once the list is read again. */
  const change = async (action: () => Promise<void>): Promise<boolean> => {
    let saved = true;
    try {
      await action();
      setProblem(null);
    } catch {
      saved = false;
      setProblem('That change could not be saved.');
    }
    await reload();
    return saved;
  };

  return { items, problem, change };
}
