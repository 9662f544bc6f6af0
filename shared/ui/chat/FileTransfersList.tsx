import { useEffect, useMemo } from 'preact/hooks';
import type { Transfer } from '../../core/files/file-transfers.ts';
import { MAX_FILE_BYTES } from '../../core/protocol/schemas.ts';
import type { FilesSession } from './files-session.ts';

interface FileTransfersListProps {
  files: FilesSession;
  nameOf(peerId: string): string;
}

/** Each file offered, sent or received, with its progress and what can be done with it. */
export function FileTransfersList({ files, nameOf }: FileTransfersListProps) {
  const transfers = files.transfers.value;
  if (transfers.length === 0) return null;
  return (
    <ul class="file-transfers" aria-label="Files">
      {transfers.map((t) => (
        <FileTransferItem
          key={`${t.peerId}|${t.id}`}
          transfer={t}
          files={files}
          who={nameOf(t.peerId)}
        />
      ))}
    </ul>
  );
}

function FileTransferItem({
  transfer: t,
  files,
  who,
}: {
  transfer: Transfer;
  files: FilesSession;
  who: string;
}) {
  const label = `${t.name} (${formatSize(t.size)}${t.type ? `, ${t.type}` : ''})`;
  const heading = t.direction === 'in' ? `${who} offers ${label}` : `${label} to ${who}`;
  const active = t.state === 'sending' || t.state === 'receiving';
  return (
    <li>
      <span class="file-name">{heading}</span>
      {t.state === 'offered' && t.direction === 'in' && (
        <span class="file-actions">
          <button onClick={() => files.answer(t, true)}>Accept {t.name}</button>
          <button onClick={() => files.answer(t, false)}>Decline {t.name}</button>
        </span>
      )}
      {active && (
        <>
          <progress aria-label={`Progress of ${t.name}`} max={t.size || 1} value={t.bytes} />
          <button onClick={() => files.cancel(t)}>Cancel {t.name}</button>
        </>
      )}
      <span class="file-state">{stateText(t)}</span>
      {t.state === 'done' && t.direction === 'in' && t.parts && (
        <DownloadLink transfer={t} onDismiss={() => files.dismiss(t)} />
      )}
    </li>
  );
}

/** A received file, saved only when the person clicks; never opened or previewed. */
function DownloadLink({ transfer, onDismiss }: { transfer: Transfer; onDismiss(): void }) {
  const url = useMemo(
    () => URL.createObjectURL(new Blob(transfer.parts ?? [], { type: 'application/octet-stream' })),
    [transfer],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <span class="file-actions">
      <a href={url} download={transfer.name}>
        Save {transfer.name}
      </a>
      <button onClick={onDismiss}>Dismiss {transfer.name}</button>
    </span>
  );
}

function stateText(t: Transfer): string {
  switch (t.state) {
    case 'offered':
      return t.direction === 'out' ? 'Waiting for them to accept…' : '';
    case 'sending':
    case 'receiving':
      return `${Math.floor((100 * t.bytes) / (t.size || 1))} %`;
    case 'done':
      return t.direction === 'out' ? 'Sent.' : 'Received.';
    case 'declined':
      return 'Declined.';
    case 'cancelled':
      return 'Cancelled.';
    case 'failed':
      return t.size > MAX_FILE_BYTES
        ? `Refused: larger than ${formatSize(MAX_FILE_BYTES)}.`
        : 'The transfer failed.';
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
