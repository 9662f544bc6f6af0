import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useCloseOutside } from '../use-close-outside.ts';
import { BarButton } from './BarButton.tsx';
import './BarMenu.css';
import type { IconName } from './icons.tsx';

interface BarMenuProps {
  label: string;
  hint: string;
  icon: IconName;
  /** The class of the menu that opens above the button (its own layout). */
  menuClass: string;
  /** Named for screen readers when the menu is a group of like buttons. */
  menuLabel?: string;
  /** The menu's items; `opener` is the bar button, where focus goes back to. */
  children(close: () => void, opener: () => HTMLElement): ComponentChildren;
}

/** A control-bar button that opens a menu above it; Escape or a click elsewhere closes it. */
export function BarMenu({ label, hint, icon, menuClass, menuLabel, children }: BarMenuProps) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const close = () => setOpen(false);
  useCloseOutside(open, wrapper, close, { escape: true });
  return (
    <div class="bar-menu" ref={wrapper}>
      <BarButton
        label={label}
        hint={hint}
        icon={icon}
        expanded={open}
        onClick={() => setOpen(!open)}
      />
      {open && (
        <div
          class={`bar-menu-popup ${menuClass}`}
          role={menuLabel ? 'group' : undefined}
          aria-label={menuLabel}
        >
          {children(close, () => wrapper.current!.firstElementChild as HTMLElement)}
        </div>
      )}
    </div>
  );
}
