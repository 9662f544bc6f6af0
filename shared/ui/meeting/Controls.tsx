import type { MeetingSession } from './session.ts';

export function Controls({ session }: { session: MeetingSession }) {
  const on = session.mediaOn.value;
  return (
    <div role="toolbar" aria-label="Meeting controls" class="controls">
      <button
        aria-pressed={on.audio}
        disabled={!session.mediaAvailable.audio}
        onClick={() => void session.toggle('audio')}
      >
        Microphone
      </button>
      <button
        aria-pressed={on.video}
        disabled={!session.mediaAvailable.video}
        onClick={() => void session.toggle('video')}
      >
        Camera
      </button>
      <button class="danger" onClick={() => session.leave()}>
        Leave
      </button>
    </div>
  );
}
