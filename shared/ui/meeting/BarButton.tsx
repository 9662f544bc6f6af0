import { Icon, type IconName } from './icons.tsx';

interface BarButtonProps {
  label: string;
  /** The tooltip: what a press does, and its shortcut. */
  hint: string;
  icon: IconName;
  pressed?: boolean;
  expanded?: boolean;
  off?: boolean;
  disabled?: boolean;
  class?: string;
  /** A small number on the button (drawn by CSS, so it is not part of the button's name). */
  count?: number;
  onClick(e: MouseEvent & { currentTarget: HTMLButtonElement }): void;
}

export function BarButton(props: BarButtonProps) {
  return (
    <button
      class={`bar-button ${props.off ? 'off' : ''} ${props.class ?? ''}`}
      aria-label={props.label}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      disabled={props.disabled}
      title={props.hint}
      data-count={props.count}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
    </button>
  );
}
