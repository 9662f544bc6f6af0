import { signal, type ReadonlySignal } from '@preact/signals';
import type { FileSource, FileTransfers, Transfer } from '../../core/files/file-transfers.ts';
import type { Meeting } from '../../core/meeting/meeting.ts';
import type { Participant } from '../../core/meeting/participant.ts';

/** View state of file sharing: the transfers, re-read whenever one changes. */
export interface FilesSession {
  transfers: ReadonlySignal<Transfer[]>;
  /** Offers a file to one person, or to everyone here; throws a readable Error. */
  offer(file: File, to: string | null): void;
  answer(transfer: Transfer, accept: boolean): void;
  cancel(transfer: Transfer): void;
  dismiss(transfer: Transfer): void;
}

export function createFilesSession(
  meeting: Meeting,
  participants: ReadonlySignal<Participant[]>,
): FilesSession {
  let files: FileTransfers | null = null;
  const transfers = signal<Transfer[]>([]);
  meeting.events.on('chat', (_chat, transfersOfMeeting) => {
    files = transfersOfMeeting;
    files.events.on('changed', () => (transfers.value = [...transfersOfMeeting.list]));
  });
  const ready = (): FileTransfers => {
    if (!files) throw new Error('Files can be sent once you are in the meeting.');
    return files;
  };
  return {
    transfers,
    offer(file, to) {
      const recipients = to
        ? [to]
        : participants.value.filter((p) => !p.isSelf).map((p) => p.peerId);
      ready().offer(fileSource(file), recipients);
    },
    answer: (transfer, accept) => ready().answer(transfer, accept),
    cancel: (transfer) => ready().cancel(transfer),
    dismiss: (transfer) => ready().dismiss(transfer),
  };
}

function fileSource(file: File): FileSource {
  return {
    name: file.name || 'file',
    size: file.size,
    type: file.type.slice(0, 127),
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}
