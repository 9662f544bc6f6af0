import './HostControls.css';
import type { MeetingSession } from './session.ts';

/** The host's meeting-wide controls: lock or unlock, and end the meeting for everyone. */
export function HostControls({ session }: { session: MeetingSession }) {
  const locked = session.locked.value;
  if (session.selfRole.value !== 'host') {
    return locked ? <p class="meeting-locked">The meeting is locked.</p> : null;
  }
  return (
    <div role="toolbar" aria-label="Host controls" class="host-controls">
      <button aria-pressed={locked} onClick={() => session.commands.setLocked(!locked)}>
        Lock meeting
      </button>
      <button class="danger" onClick={() => session.commands.endForAll()}>
        End meeting for all
      </button>
    </div>
  );
}
