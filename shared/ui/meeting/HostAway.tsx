import { useState } from 'preact/hooks';
import type { MeetingPhase } from '../../core/meeting/meeting.ts';
import './host-away.css';
import type { MeetingSession } from './session.ts';

export type HostAwayPhase = Extract<MeetingPhase, 'host-left' | 'host-lost'>;

export const isHostAway = (phase: MeetingPhase): phase is HostAwayPhase =>
  phase === 'host-left' || phase === 'host-lost';

const WAITING_TEXT: Record<HostAwayPhase, string> = {
  'host-lost': 'The host lost connection. Waiting for them to come back…',
  'host-left': 'The host left. Waiting for them to come back…',
};

/**
 * A guest's screen while the host is away: everyone else stays connected, and the meeting
 * carries on by itself once the host is back under the same link.
 */
export function HostAway({ phase, session }: { phase: HostAwayPhase; session: MeetingSession }) {
  const [choseToWait, setChoseToWait] = useState(false);
  const leave = (
    <button class="danger" onClick={() => session.leave()}>
      Leave meeting
    </button>
  );
  if (phase === 'host-left' && !choseToWait) {
    return (
      <div class="host-away" role="group" aria-label="The host left">
        <p role="status">The host left.</p>
        <p>The others are still here. Wait for the host to come back, or leave.</p>
        <button class="primary" onClick={() => setChoseToWait(true)}>
          Wait for the host
        </button>
        {leave}
      </div>
    );
  }
  return (
    <div class="host-away" role="group" aria-label="Waiting for the host">
      <p role="status">{WAITING_TEXT[phase]}</p>
      {leave}
    </div>
  );
}
