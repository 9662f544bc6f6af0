import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Participant } from '../../core/meeting/participant.ts';
import { arrangeTiles, type Rect, type StageLayout } from './view-model.ts';

interface StageProps {
  layout: StageLayout;
  renderTile(p: Participant, place: Rect, spotlight: boolean): ComponentChildren;
}

function useSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}

/**
 * The tiles, sized to fill the space at any count: a grid, or a spotlight (a screen share, a
 * pinned person, the speaker) with everyone else in a strip beside or below it.
 */
export function Stage({ layout, renderTile }: StageProps) {
  const [ref, size] = useSize<HTMLUListElement>();
  const ordered = layout.spotlight ? [layout.spotlight, ...layout.others] : layout.others;
  const rects = arrangeTiles(ordered.length, !!layout.spotlight, size.width, size.height);
  return (
    <ul ref={ref} aria-label="Participants" class="tiles">
      {size.width > 0 &&
        ordered.map((p, i) => renderTile(p, rects[i]!, !!layout.spotlight && i === 0))}
    </ul>
  );
}
