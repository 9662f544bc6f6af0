import type { ComponentChildren, Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useCloseOutside } from '../use-close-outside.ts';
import './row-menu.css';

interface RowMenuProps {
  /** What the actions are about, as in "More actions for Weekly sync". */
  subject: string;
  /** The "More" button, where the focus comes back to once an action is done. */
  buttonRef: Ref<HTMLButtonElement>;
  /** The actions: each calls `close` as it runs. */
  children(close: () => void): ComponentChildren;
}

/**
 * A row's less frequent actions behind a "More" button, the way the room's participant actions
 * open: a group of buttons, Tab goes through them, Escape or a click elsewhere closes it.
 */
export function RowMenu({ subject, buttonRef, children }: RowMenuProps) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const close = () => setOpen(false);
  useCloseOutside(open, wrapper, close);
  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    close();
    wrapper.current?.querySelector('button')?.focus();
  };
  return (
    <div class="row-menu" ref={wrapper} onKeyDown={escape}>
      <button
        ref={buttonRef}
        aria-label={`More actions for ${subject}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div class="row-menu-popup" role="group" aria-label={`Actions for ${subject}`}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
