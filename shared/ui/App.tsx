import { useEffect, useState } from 'preact/hooks';
import type { Invite } from '../core/meeting/invite.ts';
import { createHostDescriptor } from '../core/meeting/meeting.ts';
import type { Platform } from '../platform.ts';
import { useScreenHeading } from './focus.ts';
import { deleteStaleChatVaults } from '../storage/chat-vault.ts';
import { Lobby } from './lobby/Lobby.tsx';
import type { MeetingRequest, PreparedMedia } from './meeting/start-session.ts';
import type { MeetingViewProps } from './meeting/MeetingView.tsx';
import { PreJoin } from './prejoin/PreJoin.tsx';

interface AppProps {
  platform: Platform;
  invite?: Invite | null;
  /** Go straight to the pre-join screen (the extension's meeting page opened from its popup). */
  autoStart?: { request: MeetingRequest; name: string } | null;
}

type MeetingViewComponent = (props: MeetingViewProps) => preact.JSX.Element;

type Screen =
  | { kind: 'lobby' }
  | { kind: 'prejoin'; request: MeetingRequest }
  | { kind: 'meeting'; request: MeetingRequest; name: string; prepared: PreparedMedia };

/** The meeting screen and PeerJS: fetched while the pre-join screen shows, used on Join. */
const loadMeetingView = () => import('./meeting/MeetingView.tsx').then((m) => m.MeetingView);

function inviteOf(request: MeetingRequest): Invite {
  return request.kind === 'guest'
    ? request.invite
    : { meetingId: request.descriptor.meetingId, hostKeyDigest: request.descriptor.hostKey.digest };
}

export function App({ platform, invite = null, autoStart = null }: AppProps) {
  const initial: Screen = autoStart
    ? { kind: 'prejoin', request: autoStart.request }
    : invite
      ? { kind: 'prejoin', request: { kind: 'guest', invite } }
      : { kind: 'lobby' };
  const [screen, setScreen] = useState<Screen>(initial);
  const [name, setName] = useState<string | null>(autoStart?.name ?? null);
  const [MeetingView, setMeetingView] = useState<MeetingViewComponent | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    void platform.loadDisplayName().then((saved) => setName((current) => current ?? saved));
    // Whatever chat a crashed or killed session left behind goes at every start.
    void deleteStaleChatVaults().catch(() => undefined);
  }, [platform]);

  useEffect(() => {
    if (MeetingView || screen.kind === 'lobby') return;
    setLoadFailed(false);
    loadMeetingView().then(
      (view) => setMeetingView(() => view),
      () => setLoadFailed(true),
    );
  }, [screen.kind, MeetingView]);

  if (name === null) return null;
  const toLobby = () => setScreen({ kind: 'lobby' });

  if (screen.kind === 'meeting') {
    if (MeetingView) {
      return (
        <MeetingView
          platform={platform}
          request={screen.request}
          name={screen.name}
          prepared={screen.prepared}
          onExit={toLobby}
          onRetry={() => setScreen({ kind: 'prejoin', request: screen.request })}
        />
      );
    }
    return loadFailed ? <LoadFailed onBack={toLobby} /> : <p role="status">Loading…</p>;
  }
  if (screen.kind === 'prejoin') {
    return (
      <PreJoin
        key={inviteOf(screen.request).meetingId}
        invite={inviteOf(screen.request)}
        isHost={screen.request.kind === 'host'}
        initialName={name}
        onBack={toLobby}
        onJoin={(chosen, prepared) => {
          setName(chosen);
          void platform.saveDisplayName(chosen);
          setScreen({ kind: 'meeting', request: screen.request, name: chosen, prepared });
        }}
      />
    );
  }
  return (
    <Lobby
      initialName={name}
      onNewMeeting={async (chosen) => {
        setName(chosen);
        void platform.saveDisplayName(chosen);
        setScreen({
          kind: 'prejoin',
          request: { kind: 'host', descriptor: await createHostDescriptor() },
        });
      }}
      onJoin={(target, chosen) => {
        setName(chosen);
        void platform.saveDisplayName(chosen);
        setScreen({ kind: 'prejoin', request: { kind: 'guest', invite: target } });
      }}
    />
  );
}

function LoadFailed({ onBack }: { onBack(): void }) {
  const heading = useScreenHeading();
  return (
    <main class="ended">
      <h1 tabIndex={-1} ref={heading}>
        Could not open the meeting
      </h1>
      <p role="alert">Could not load the meeting screen. Check your connection and try again.</p>
      <button class="primary" onClick={onBack}>
        Back to lobby
      </button>
    </main>
  );
}
