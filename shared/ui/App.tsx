import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Invite } from '../core/meeting/invite.ts';
import { bareInvite } from '../core/meeting/joined-meeting-store.ts';
import type { Platform } from '../platform.ts';
import type { StoredMeeting } from '../core/meeting/host/meeting-store.ts';
import { useLazyModule } from './app/lazy-module.ts';
import {
  hostingModule,
  joinedMeetingsListModule,
  meetingsListModule,
  meetingViewModule,
  preJoinModule,
  prepareMediaModule,
  staleChatSweep,
} from './app/lazy-screens.ts';
import { ScreenLoading } from './app/ScreenLoading.tsx';
import { useScreenHeading } from './focus.ts';
import { Lobby } from './lobby/Lobby.tsx';
import { useHostedMeetingInUrl } from './meetings/hosted-meeting.ts';
import type { MeetingRequest, PreparedMedia } from './meeting/start-session.ts';
import { useScreenWakeLock } from './meeting/use-wake-lock.ts';
import { whenIdle } from './meeting/when-idle.ts';
import { OfflineNote } from './offline/OfflineNote.tsx';
import { useWhenOnline } from './offline/use-online.ts';

interface AppProps {
  platform: Platform;
  invite?: Invite | null;
  /** Straight into the meeting (the extension's meeting page, opened from its popup, name known). */
  autoStart?: { request: MeetingRequest; name: string } | null;
  /** The meeting this page hosts (named in its URL): a reload resumes it from the store. */
  hostMeetingId?: string | null;
}

type Screen =
  | { kind: 'lobby' }
  /** A kept meeting could not be opened (its code did not arrive, or its key did not load). */
  | { kind: 'open-failed' }
  /** Straight into the meeting: its devices are asked for once their code has arrived. */
  | { kind: 'starting'; request: MeetingRequest; name: string }
  | { kind: 'prejoin'; request: MeetingRequest }
  | { kind: 'meeting'; request: MeetingRequest; name: string; prepared: PreparedMedia };

function inviteOf(request: MeetingRequest): Invite {
  return request.kind === 'guest'
    ? request.invite
    : { meetingId: request.descriptor.meetingId, hostKeyDigest: request.descriptor.hostKey.digest };
}

export function App({ platform, invite = null, autoStart = null, hostMeetingId = null }: AppProps) {
  // One click from the extension's toolbar with a name known: straight into the meeting.
  const [screen, setScreen] = useState<Screen>(() =>
    autoStart
      ? { kind: 'starting', ...autoStart }
      : invite
        ? { kind: 'prejoin', request: { kind: 'guest', invite } }
        : { kind: 'lobby' },
  );
  const [name, setName] = useState<string | null>(autoStart?.name ?? null);
  const hostedId =
    'request' in screen && screen.request.kind === 'host'
      ? screen.request.descriptor.meetingId
      : null;
  const preJoin = useLazyModule(preJoinModule, screen.kind === 'prejoin');
  const meetingView = useLazyModule(meetingViewModule, screen.kind !== 'lobby');
  const meetingsList = useLazyModule(meetingsListModule, false);
  const joinedMeetingsList = useLazyModule(joinedMeetingsListModule, false);
  useLazyModule(hostingModule, false); // for "New meeting" and reopening one

  // From the lobby, the pre-join screen replaces it only once its code is here: no blank frame.
  // (Should it fail to arrive, the pre-join screen says so.)
  const showPreJoin = useCallback(async (request: MeetingRequest | Promise<MeetingRequest>) => {
    const [ready] = await Promise.all([request, preJoinModule.load().catch(() => undefined)]);
    setScreen({ kind: 'prejoin', request: ready });
  }, []);
  const host = useCallback(
    (meeting: StoredMeeting) =>
      showPreJoin(hostingModule.load().then((h) => h.hostRequest(meeting))).catch(() =>
        setScreen({ kind: 'open-failed' }),
      ),
    [showPreJoin],
  );
  // A reload of the host's page comes back to the same meeting, through the pre-join screen.
  useHostedMeetingInUrl(
    platform,
    hostMeetingId,
    hostedId,
    (meeting) => void host(meeting),
    () => setScreen({ kind: 'open-failed' }),
  );

  // Before the first paint, so the lobby replaces the page's static header without a blank frame.
  useLayoutEffect(() => {
    void platform.loadDisplayName().then((saved) => setName((current) => current ?? saved));
  }, [platform]);

  // Not cancelled: it runs once per start, whatever screen comes next. It spares the databases
  // whose Web Lock a live session holds, so a meeting opened before it runs keeps its chat.
  useEffect(() => void whenIdle(() => void staleChatSweep().catch(() => undefined)), []);

  useEffect(() => {
    if (screen.kind !== 'starting') return;
    const { request, name: chosen } = screen;
    void prepareMediaModule.load().then(
      (prepareMedia) =>
        setScreen({
          kind: 'meeting',
          request,
          name: chosen,
          prepared: prepareMedia(platform.loadDevicesOnJoin()),
        }),
      () => setScreen({ kind: 'prejoin', request }),
    );
  }, [screen, platform]);

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
  const MeetingsList = meetingsList.loaded;
  const JoinedMeetingsList = joinedMeetingsList.loaded;
  const toLobby = () => setScreen({ kind: 'lobby' });

  if (screen.kind === 'starting') return <ScreenLoading status="Opening the meeting…" />;
  if (screen.kind === 'open-failed') return <LoadFailed onBack={toLobby} />;
  if (screen.kind === 'meeting') {
    const MeetingView = meetingView.loaded;
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
    return meetingView.failed ? <LoadFailed onBack={toLobby} /> : <p role="status">Loading…</p>;
  }
  if (screen.kind === 'prejoin') {
    const request = screen.request;
    const PreJoin = preJoin.loaded;
    if (!PreJoin) {
      return preJoin.failed ? (
        <LoadFailed onBack={toLobby} />
      ) : (
        <ScreenLoading status="Opening the meeting…" />
      );
    }
    return (
      <>
        <PreJoin
          key={inviteOf(request).meetingId}
          invite={inviteOf(request)}
          isHost={request.kind === 'host'}
          initialName={name}
          platform={platform}
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
      onNewMeeting={(chosen, password) => {
        setName(chosen);
        void platform.saveDisplayName(chosen);
        return showPreJoin(
          hostingModule.load().then((h) => h.hostNewMeeting(platform.meetingStore, password)),
        );
      }}
      onJoin={(target, chosen) => {
        setName(chosen);
        void platform.saveDisplayName(chosen);
        return showPreJoin({ kind: 'guest', invite: target });
      }}
      platform={platform}
    >
      {offlineNote}
      {MeetingsList && <MeetingsList platform={platform} onReopen={(m) => void host(m)} />}
      {JoinedMeetingsList && platform.joinedMeetings && (
        <JoinedMeetingsList
          store={platform.joinedMeetings}
          note="Open one to knock again: the host lets you in."
          onOpen={(m) => void showPreJoin({ kind: 'guest', invite: bareInvite(m) })}
        />
      )}
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
