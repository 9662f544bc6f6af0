import { useEffect, useRef } from 'preact/hooks';

/**
 * A screen's level-one heading takes the focus when the screen appears, so keyboard and screen
 * reader users start at the top of what is new. Give the heading `tabIndex={-1}`.
 */
export function useScreenHeading<T extends HTMLElement = HTMLHeadingElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
