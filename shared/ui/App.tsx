import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Invite } from '../core/meeting/invite.ts';
import type { Platform } from '../platform.ts';
import { deleteStaleChatVaults } from '../storage/chat-vault.ts';
import { useScreenHeading } from './focus.ts';
import { Lobby } from './lobby/Lobby.tsx';
import { MeetingsList } from './lobby/MeetingsList.tsx';
import { hostRequest, useHostedMeetingInUrl } from './meetings/hosted-meeting.ts';
import { createSavedMeeting } from './meetings/new-meeting.ts';
import type { MeetingRequest, PreparedMedia } from './meeting/start-session.ts';
import type { MeetingViewProps } from './meeting/MeetingView.tsx';
import { useScreenWakeLock } from './meeting/use-wake-lock.ts';
import { whenIdle } from './meeting/when-idle.ts';
import { OfflineNote } from './offline/OfflineNote.tsx';
import { useWhenOnline } from './offline/use-online.ts';
import { PreJoin } from './prejoin/PreJoin.tsx';
import { prepareMedia } from './prejoin/prepare-media.ts';

interface AppProps {
  platform: Platform;
  invite?: Invite | null;
  /** Straight into the meeting (the extension's meeting page, opened from its popup, name known). */
  autoStart?: { request: MeetingRequest; name: string } | null;
  /** The meeting this page hosts (named in its URL): a reload resumes it from the store. */
  hostMeetingId?: string | null;
}

type MeetingViewComponent = (props: MeetingViewProps) => preact.JSX.Element;

type Screen =
  | { kind: 'lobby' }
  | { kind: 'prejoin'; request: MeetingRequest }
  | { kind: 'meeting'; request: MeetingRequest; name: string; prepared: PreparedMedia };

/** The meeting screen and PeerJS: off the lobby's first load, fetched when idle or on Join. */
const loadMeetingView = () => import('./meeting/MeetingView.tsx').then((m) => m.MeetingView);
/** A new meeting's admission settings (a password's verifier takes PBKDF2): off the lobby's load. */
const newHostSettings = async (password: string) => {
  const { hostSettings } = await import('../core/meeting/host/admission-settings.ts');
  return hostSettings(password);
};

function inviteOf(request: MeetingRequest): Invite {
  return request.kind === 'guest'
    ? request.invite
    : { meetingId: request.descriptor.meetingId, hostKeyDigest: request.descriptor.hostKey.digest };
}

export function App({ platform, invite = null, autoStart = null, hostMeetingId = null }: AppProps) {
  // One click from the extension's toolbar with a name known: straight into the meeting.
  const [screen, setScreen] = useState<Screen>(() =>
    autoStart
      ? { kind: 'meeting', ...autoStart, prepared: prepareMedia() }
      : invite
        ? { kind: 'prejoin', request: { kind: 'guest', invite } }
        : { kind: 'lobby' },
  );
  const [name, setName] = useState<string | null>(autoStart?.name ?? null);
  const hostedId =
    screen.kind !== 'lobby' && screen.request.kind === 'host'
      ? screen.request.descriptor.meetingId
      : null;
  // A reload of the host's page comes back to the same meeting, through the pre-join screen.
  useHostedMeetingInUrl(platform, hostMeetingId, hostedId, (request) =>
    setScreen({ kind: 'prejoin', request }),
  );
  const [MeetingView, setMeetingView] = useState<MeetingViewComponent | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  // Before the first paint, so the lobby replaces the page's static header without a blank frame.
  useLayoutEffect(() => {
    void platform.loadDisplayName().then((saved) => setName((current) => current ?? saved));
  }, [platform]);

  useEffect(() => {
    // Whatever chat a crashed or killed session left behind goes at every start.
    void deleteStaleChatVaults().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (MeetingView) return;
    const load = () => {
      setLoadFailed(false);
      loadMeetingView().then(
        (view) => setMeetingView(() => view),
        () => setLoadFailed(true),
      );
    };
    if (screen.kind !== 'lobby') return load();
    return whenIdle(load);
  }, [screen.kind, MeetingView]);

  useScreenWakeLock(screen.kind === 'meeting');
  const enter = useCallback(
    (meeting: Extract<Screen, { kind: 'meeting' }>) => {
      setName(meeting.name);
      void platform.saveDisplayName(meeting.name);
      setScreen(meeting);
    },
    [platform],
  );
  // Reading the signaling configuration is the shell's way to its server (the PWA asks it).
  const serverAnswers = useCallback(
    () =>
      platform.loadSignalingConfig().then(
        () => true,
        () => false,
      ),
    [platform],
  );
  const enterWhenOnline = useWhenOnline(enter, serverAnswers);
  const offlineNote = (
    <OfflineNote
      online={enterWhenOnline.online}
      waiting={enterWhenOnline.waiting}
      onCancel={enterWhenOnline.cancel}
    />
  );

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
    const request = screen.request;
    return (
      <>
        <PreJoin
          key={inviteOf(request).meetingId}
          invite={inviteOf(request)}
          isHost={request.kind === 'host'}
          initialName={name}
          onBack={toLobby}
          onJoin={(chosen, prepared) =>
            enterWhenOnline.request({ kind: 'meeting', request, name: chosen, prepared })
          }
        />
        {offlineNote}
      </>
    );
  }
  return (
    <Lobby
      initialName={name}
      offerPassword
      onNewMeeting={async (chosen, password) => {
        setName(chosen);
        void platform.saveDisplayName(chosen);
        const saved = await createSavedMeeting(
          platform.meetingStore,
          await newHostSettings(password),
        );
        setScreen({ kind: 'prejoin', request: hostRequest(saved) });
      }}
      onJoin={(target, chosen) => {
        setName(chosen);
        void platform.saveDisplayName(chosen);
        setScreen({ kind: 'prejoin', request: { kind: 'guest', invite: target } });
      }}
      platform={platform}
    >
      {offlineNote}
      <MeetingsList
        platform={platform}
        onReopen={(m) => setScreen({ kind: 'prejoin', request: hostRequest(m) })}
      />
    </Lobby>
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
