import { useEffect, useState } from 'preact/hooks';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import type { MeetingPhase } from '../../core/meeting/meeting.ts';
import type { Platform } from '../../platform.ts';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { ConnectionDetails } from './ConnectionDetails.tsx';
import { Controls } from './Controls.tsx';
import { HostControls } from './HostControls.tsx';
import { InviteLink } from './InviteLink.tsx';
import { ParticipantActions } from './ParticipantActions.tsx';
import type { MeetingSession } from './session.ts';
import { startSession, type MeetingRequest } from './start-session.ts';
import { Tile } from './Tile.tsx';
import { ViewerList } from './ViewerList.tsx';

const SERVER_AWAY_TEXT = {
  reconnecting:
    'Reconnecting to the meeting server… Everyone here stays connected, but nobody new can join until it is back.',
  gone: 'The meeting server no longer reaches you. Everyone here stays connected, but nobody new can join.',
} as const;

export interface MeetingViewProps {
  platform: Platform;
  request: MeetingRequest;
  name: string;
  onExit(): void;
}

const PHASE_TEXT: Record<Exclude<MeetingPhase, 'ended'>, string> = {
  connecting: 'Connecting to the meeting server…',
  'waiting-for-host': new ConclaveError(ErrorCode.HostNotPresent).message,
  joining: 'Checking that this meeting belongs to your host…',
  'in-meeting': 'In the meeting.',
};

export function MeetingView({ platform, request, name, onExit }: MeetingViewProps) {
  const [session, setSession] = useState<MeetingSession | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current: MeetingSession | null = null;
    let cancelled = false;
    startSession(request, name, platform).then(
      (started) => {
        current = started;
        if (cancelled) started.leave();
        else setSession(started);
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
    const leaveOnUnload = () => current?.leave();
    addEventListener('pagehide', leaveOnUnload);
    return () => {
      cancelled = true;
      removeEventListener('pagehide', leaveOnUnload);
      current?.leave();
    };
  }, [request, name, platform, attempt]);

  const retry = () => {
    setFailure(null);
    setSession(null);
    setAttempt(attempt + 1);
  };
  if (failure) return <Ended message={failure} onExit={onExit} onRetry={retry} />;
  if (!session) return <p role="status">Starting…</p>;

  const phase = session.phase.value;
  if (phase === 'ended') {
    const error = session.endError.value;
    return error ? (
      <Ended
        message={error.message}
        onExit={onExit}
        onRetry={error.code === ErrorCode.Removed ? undefined : retry}
      />
    ) : (
      <Ended message="You left the meeting." isError={false} onExit={onExit} />
    );
  }

  // Viewers send nothing, so they get no tile (ViewerList shows them).
  const onStage = session.participants.value.filter((p) => p.isSelf || p.role !== 'viewer');
  const server = session.serverConnection.value;
  const serverAway = phase === 'in-meeting' && server !== 'connected';
  return (
    <main class="meeting">
      <p role="status" class="phase">
        {serverAway ? SERVER_AWAY_TEXT[server] : PHASE_TEXT[phase]}
      </p>
      {session.notices.value.length > 0 && (
        <ul role="log" aria-label="Notices" class="notices">
          {session.notices.value.map((notice, i) => (
            <li key={i}>{notice}</li>
          ))}
        </ul>
      )}
      {phase === 'in-meeting' && !serverAway && <InviteLink link={session.inviteLink} />}
      <ul aria-label="Participants" class="tiles">
        {onStage.map((p) => (
          <Tile
            key={p.peerId}
            name={p.name}
            role={p.role}
            isSelf={p.isSelf}
            stream={p.isSelf ? session.localStream : p.stream}
            audioOn={p.audioOn}
            videoOn={p.videoOn}
            connecting={p.connection === 'connecting'}
          >
            {!p.isSelf && <ConnectionDetails name={p.name} peerId={p.peerId} session={session} />}
            <ParticipantActions participant={p} session={session} />
          </Tile>
        ))}
        {phase !== 'in-meeting' && (
          <Tile
            name={name}
            role={request.kind === 'host' ? 'host' : null}
            isSelf
            stream={session.localStream}
            audioOn={session.mediaOn.value.audio}
            videoOn={session.mediaOn.value.video}
            connecting={false}
          />
        )}
      </ul>
      <ViewerList session={session} />
      <Controls session={session} />
      <HostControls session={session} />
      {phase === 'in-meeting' && (
        <ChatPanel
          chat={session.chat}
          files={session.files}
          participants={session.participants.value}
        />
      )}
    </main>
  );
}

interface EndedProps {
  message: string;
  isError?: boolean;
  onExit(): void;
  onRetry?: () => void;
}

function Ended({ message, isError = true, onExit, onRetry }: EndedProps) {
  return (
    <main class="ended">
      <p role={isError ? 'alert' : 'status'}>{message}</p>
      {onRetry && (
        <button class="primary" onClick={onRetry}>
          Try again
        </button>
      )}
      <button onClick={onExit}>Back to lobby</button>
    </main>
  );
}
