import type { TrackKind } from '../../core/media/local-media.ts';
import type { MeetingSession } from './session.ts';

export function Controls({ session }: { session: MeetingSession }) {
  return (
    <div role="toolbar" aria-label="Meeting controls" class="controls">
      <MediaToggle session={session} kind="audio" label="Microphone" />
      <MediaToggle session={session} kind="video" label="Camera" />
      <button class="danger" onClick={() => session.leave()}>
        Leave
      </button>
    </div>
  );
}

/** A toggle button: pressed while sending; off stops the device. */
function MediaToggle(props: { session: MeetingSession; kind: TrackKind; label: string }) {
  const { session, kind, label } = props;
  return (
    <button
      aria-pressed={session.mediaOn.value[kind]}
      disabled={!session.mediaAvailable.value[kind] || session.selfRole.value === 'viewer'}
      onClick={() => void session.toggle(kind)}
    >
      {label}
    </button>
  );
}
