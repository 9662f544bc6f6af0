import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Icon } from './icons.tsx';

interface SidePanelProps {
  id: string;
  title: string;
  onClose(): void;
  /** Take the focus on opening (not when it opens by itself). */
  focusOnOpen: boolean;
  children: ComponentChildren;
}

/**
 * The room's side panel (people, verification, settings, and what other features add): beside
 * the stage on a wide screen, over it on a phone. Escape or the close button closes it.
 */
export function SidePanel({ id, title, onClose, focusOnOpen, children }: SidePanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [id, focusOnOpen]);
  return (
    <aside
      class="side-panel"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header>
        <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <button class="icon-button" aria-label={`Close ${title.toLowerCase()}`} onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div class="panel-body">{children}</div>
    </aside>
  );
}
