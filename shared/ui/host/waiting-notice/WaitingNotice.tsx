import { useEffect, useRef, useState } from 'preact/hooks';
import type { WaitingRoom } from '../../../core/meeting/waiting-room/waiting-room.ts';
import type { LobbyListEntry } from '../../../core/protocol/schemas.ts';
import { WAITING_ROOM_HEADING } from '../LobbyPanel.tsx';
import { waitingNoticeText } from './waiting-text.ts';
import './WaitingNotice.css';

interface WaitingNoticeProps {
  waiting: readonly LobbyListEntry[];
  room: WaitingRoom;
  onView(): void;
  /** Takes the focus once "Admit" or "Deny" let the last one in or away, and the notice went. */
  onCleared(): void;
}

/**
 * Tells the host or a co-host, in the meeting, that someone waits while the People panel is
 * closed: one person can be admitted or denied from here (as in the People panel), "View" opens
 * the waiting room. Not a live region: each knock is announced once through the room's
 * announcements.
 */
export function WaitingNotice({ waiting, room, onView, onCleared }: WaitingNoticeProps) {
  const [first] = waiting;
  /** Whom Admit or Deny was pressed for, until they have left the list. */
  const actedFor = useRef<string | null>(null);
  const view = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const acted = actedFor.current;
    if (acted === null || waiting.some((entry) => entry.id === acted)) return;
    actedFor.current = null;
    // The button pressed went (with the notice, or because another knock came meanwhile): the
    // focus would be nowhere.
    if (document.activeElement !== document.body) return;
    if (view.current) view.current.focus();
    else onCleared();
  }, [waiting]);
  const act = (action: (id: string) => void, id: string) => () => {
    actedFor.current = id;
    action(id);
  };
  if (!first) return null;
  const text = waitingNoticeText(waiting);
  return (
    <section class="waiting-notice" aria-labelledby="waiting-notice-text">
      <p id="waiting-notice-text">{text}</p>
      {waiting.length === 1 && (
        <>
          <button
            class="primary"
            aria-label={`Admit ${first.name}`}
            onClick={act((id) => room.admit(id), first.id)}
          >
            Admit
          </button>
          <button aria-label={`Deny ${first.name}`} onClick={act((id) => room.deny(id), first.id)}>
            Deny
          </button>
        </>
      )}
      <button ref={view} aria-label="View waiting room" onClick={onView}>
        View
      </button>
    </section>
  );
}

/**
 * Opens the People panel at the waiting room: `openPeople` opens the panel, and once it is
 * drawn the waiting room's heading takes the focus (which also scrolls it into view).
 */
export function useViewWaitingRoom(openPeople: () => void): () => void {
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!asked) return;
    setAsked(false);
    document.getElementById(WAITING_ROOM_HEADING)?.focus();
  }, [asked]);
  return () => {
    openPeople();
    setAsked(true);
  };
}
