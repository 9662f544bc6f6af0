import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ComponentChildren;
}

/** A modal dialog (the browser's own: it keeps the focus inside and closes on Escape). */
export function Modal({ title, onClose, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    element?.querySelector<HTMLElement>('h2')?.focus();
  }, []);
  return (
    <dialog ref={dialog} class="modal" aria-labelledby="modal-title" onClose={onClose}>
      <h2 id="modal-title" tabIndex={-1}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export const SHORTCUTS: readonly [string, string][] = [
  ['M', 'Turn the microphone on or off'],
  ['V', 'Turn the camera on or off'],
  ['H', 'Raise or lower your hand'],
  ['Hold Space', 'Talk while your microphone is off (push to talk)'],
  ['?', 'Show these shortcuts'],
  ['Escape', 'Close a panel or dialog'],
];

export function HelpDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <dl class="shortcuts">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p>Shortcuts work when the focus is not in a text field.</p>
      <button class="primary" onClick={onClose}>
        Close
      </button>
    </Modal>
  );
}

interface EndForAllDialogProps {
  /** Asked on leaving (a host who leaves ends it), or from the host's "End meeting for all". */
  leaving: boolean;
  onEndForAll(): void;
  onClose(): void;
}

/** The host's confirmation before the meeting ends for everyone in it. */
export function EndForAllDialog({ leaving, onEndForAll, onClose }: EndForAllDialogProps) {
  return (
    <Modal
      title={leaving ? 'Leave the meeting?' : 'End the meeting for everyone?'}
      onClose={onClose}
    >
      <p>
        {leaving
          ? 'You are the host: when you leave, the meeting ends for everyone.'
          : 'Everyone in it is disconnected. You can start it again from your meetings.'}
      </p>
      <div class="dialog-actions">
        <button class="danger" onClick={onEndForAll}>
          End for everyone
        </button>
        <button onClick={onClose}>Stay</button>
      </div>
    </Modal>
  );
}
