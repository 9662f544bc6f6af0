import { useState } from 'preact/hooks';
import type { JoinedMeeting, JoinedMeetingStore } from '../../core/meeting/joined-meeting-store.ts';
import { useFocusAfterRemoval } from './focus-after-removal.ts';
import { useStoredList } from './use-stored-list.ts';
import './joined-meetings-list.css';

interface JoinedMeetingsListProps {
  store: JoinedMeetingStore;
  /** What "Open" does here, in a sentence. */
  note: string;
  /** Brings the meeting's tab forward, or knocks again at its waiting room. */
  onOpen(meeting: JoinedMeeting): void;
}

/** The meetings this person joined as a guest, by title: open one again, or forget them. */
export function JoinedMeetingsList({ store, note, onOpen }: JoinedMeetingsListProps) {
  const {
    items: meetings,
    problem,
    change,
  } = useStoredList(store, 'The meetings you joined could not be read.');
  // Said once to screen readers after a "Forget", which also keeps the focus in the list.
  const [announcement, setAnnouncement] = useState('');
  const { list, heading, removed } = useFocusAfterRemoval();

  const forget = async (meeting: JoinedMeeting, index: number, remaining: number) => {
    if (!(await change(() => store.forget(meeting.meetingId)))) return;
    setAnnouncement(`Forgot ${meeting.title}.`);
    removed(index, remaining);
  };
  const forgetAll = async () => {
    if (!(await change(() => store.forgetAll()))) return;
    setAnnouncement('Forgot every meeting you joined.');
    removed(0, 0);
  };

  if (!meetings?.length && !problem && !announcement) return null;
  return (
    <section class="joined-meetings" aria-labelledby="joined-meetings-heading">
      <h2 id="joined-meetings-heading" tabIndex={-1} ref={heading}>
        Meetings you joined
      </h2>
      {problem && <p role="alert">{problem}</p>}
      <p role="status" class="sr-only">
        {announcement}
      </p>
      {meetings?.length === 0 ? (
        <p>None left on this device.</p>
      ) : (
        <p class="joined-meetings-note">{note}</p>
      )}
      <ul aria-label="Meetings you joined" ref={list} hidden={meetings?.length === 0}>
        {meetings?.map((meeting, index) => (
          <li key={meeting.meetingId} aria-label={meeting.title} class="joined-meeting">
            <span class="joined-meeting-title">{meeting.title}</span>
            <button
              class="primary"
              aria-label={`Open ${meeting.title}`}
              onClick={() => onOpen(meeting)}
            >
              Open
            </button>
            <button
              aria-label={`Forget ${meeting.title}`}
              onClick={() => void forget(meeting, index, meetings.length - 1)}
            >
              Forget
            </button>
          </li>
        ))}
      </ul>
      {!!meetings?.length && <button onClick={() => void forgetAll()}>Forget all</button>}
    </section>
  );
}
