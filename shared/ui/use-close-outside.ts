import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/**
 * While `open`, a pointer pressed outside `wrapper` closes it; with `escape`, so does Escape
 * anywhere. Listening from the moment it shows (an effect would wait for the next frame).
 */
export function useCloseOutside(
  open: boolean,
  wrapper: RefObject<HTMLElement | null>,
  close: () => void,
  { escape = false } = {},
): void {
  useLayoutEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!wrapper.current?.contains(event.target as Node)) close();
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    document.addEventListener('pointerdown', outside);
    if (escape) document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
}
