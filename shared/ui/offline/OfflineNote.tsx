import './offline-note.css';

interface OfflineNoteProps {
  online: boolean;
  /** The person asked to join or start while offline: it happens once the connection is back. */
  waiting: boolean;
  onCancel(): void;
}

/** Says plainly, while offline, that joining needs a connection. */
export function OfflineNote({ online, waiting, onCancel }: OfflineNoteProps) {
  if (online) return null;
  return (
    <div class="offline-note" role="status">
      <p>
        <strong>You are offline.</strong>{' '}
        {waiting
          ? 'You will join as soon as the connection is back.'
          : 'Joining a meeting needs a connection; if you ask now, you will join as soon as it is back.'}
      </p>
      {waiting && <button onClick={onCancel}>Cancel joining</button>}
    </div>
  );
}
