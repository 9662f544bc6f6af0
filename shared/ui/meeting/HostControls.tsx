import './HostControls.css';
import type { MeetingSession } from './session.ts';

interface HostControlsProps {
  session: MeetingSession;
  /** Asks the host to confirm, then ends the meeting for everyone. */
  onEndForAll(from: HTMLElement): void;
}

/** The host's meeting-wide control: end the meeting for everyone. (The lock is in the waiting room.) */
export function HostControls({ session, onEndForAll }: HostControlsProps) {
  if (session.selfRole.value !== 'host') {
    return session.locked.value ? <p class="meeting-locked">The meeting is locked.</p> : null;
  }
  return (
    <div role="toolbar" aria-label="Host controls" class="host-controls">
      <button class="danger" onClick={(e) => onEndForAll(e.currentTarget)}>
        End meeting for all
      </button>
    </div>
  );
}
