import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Where the focus goes once the row at `index` is removed from a list now `remaining` long: the
 * row that took its place, else the one above it, else (the list is empty) the list's heading.
 */
export function focusAfterRemoval(index: number, remaining: number): number | 'heading' {
  if (remaining === 0) return 'heading';
  return Math.min(index, remaining - 1);
}

/**
 * Keeps the focus in a list whose focused row goes away: give `list` and `heading` (with
 * `tabIndex={-1}`) to the elements, and call `removed` once the removal is saved and the list
 * read again. The row's first button takes the focus.
 */
export function useFocusAfterRemoval() {
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [target, setTarget] = useState<number | 'heading' | null>(null);
  useEffect(() => {
    if (target === null) return;
    setTarget(null);
    const row = target === 'heading' ? null : list.current?.children[target];
    (row?.querySelector('button') ?? heading.current)?.focus();
  }, [target]);
  const removed = (index: number, remaining: number) =>
    setTarget(focusAfterRemoval(index, remaining));
  return { list, heading, removed };
}
