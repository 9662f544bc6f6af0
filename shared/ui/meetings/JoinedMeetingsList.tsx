import type { JoinedMeeting, JoinedMeetingStore } from '../../core/meeting/joined-meeting-store.ts';
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

  if (!meetings?.length && !problem) return null;
  return (
    <section class="joined-meetings" aria-labelledby="joined-meetings-heading">
      <h2 id="joined-meetings-heading">Meetings you joined</h2>
      {problem && <p role="alert">{problem}</p>}
      <p class="joined-meetings-note">{note}</p>
      <ul aria-label="Meetings you joined">
        {meetings?.map((meeting) => (
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
              onClick={() => void change(() => store.forget(meeting.meetingId))}
            >
              Forget
            </button>
          </li>
        ))}
      </ul>
      <button onClick={() => void change(() => store.forgetAll())}>Forget all</button>
    </section>
  );
}
