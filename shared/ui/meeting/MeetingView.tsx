import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import type { MeetingPhase } from '../../core/meeting/meeting.ts';
import type { Participant } from '../../core/meeting/participant.ts';
import type { Platform } from '../../platform.ts';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { useScreenHeading } from '../focus.ts';
import { AudioLevels } from '../media/audio-levels.ts';
import { Controls, type PanelKind } from './Controls.tsx';
import { EndForAllDialog, HelpDialog } from './dialogs.tsx';
import { Ended } from './Ended.tsx';
import { HostControls } from './HostControls.tsx';
import { Icon } from './icons.tsx';
import { everyoneReconnecting, PEERS_AWAY_TEXT } from './connection-status.ts';
import { HostAdmission } from '../host/HostAdmission.tsx';
import { LobbyPanel } from '../host/LobbyPanel.tsx';
import { useKnockAlerts } from '../host/knock-alerts/use-knock-alerts.ts';
import { SecurityLogPanel } from '../host/SecurityLogPanel.tsx';
import { useViewWaitingRoom, WaitingNotice } from '../host/waiting-notice/WaitingNotice.tsx';
import { HostAway, isHostAway, type HostAwayPhase } from './HostAway.tsx';
import { InviteLink } from './InviteLink.tsx';
import { ParticipantActions } from './ParticipantActions.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { RelayOnlyStatus } from '../relay-only/RelayOnlyStatus.tsx';
import type { MeetingSession } from './session.ts';
import { SettingsPanel } from './SettingsPanel.tsx';
import { SidePanel } from './SidePanel.tsx';
import { Stage } from './Stage.tsx';
import { startSession, type MeetingRequest, type PreparedMedia } from './start-session.ts';
import { Tile } from './Tile.tsx';
import { useRoomShortcuts } from './use-room-shortcuts.ts';
import { VerificationPanel } from './VerificationPanel.tsx';
import { ViewerList } from './ViewerList.tsx';
import { stageLayout, tabTitle, trustState, type StageMode } from './view-model.ts';
import { WaitingInLobby } from './WaitingInLobby.tsx';
import { ActivityToasts } from './activity/ActivityToasts.tsx';
import { noticeText } from './notices.ts';
import './room.css';

const SERVER_AWAY_TEXT = {
  reconnecting:
    'Reconnecting to the meeting server… Everyone here stays connected, but nobody new can join until it is back.',
  gone: 'The meeting server no longer reaches you. Everyone here stays connected, but nobody new can join.',
} as const;

export interface MeetingViewProps {
  platform: Platform;
  request: MeetingRequest;
  name: string;
  /** Camera and microphone from the pre-join screen. */
  prepared: PreparedMedia;
  onExit(): void;
  /** Back to the pre-join screen for another attempt. */
  onRetry(): void;
}

const PHASE_TEXT: Record<Exclude<MeetingPhase, 'ended' | HostAwayPhase>, string> = {
  connecting: 'Connecting to the meeting server…',
  'waiting-for-host': new ConclaveError(ErrorCode.HostNotPresent).plainMessage,
  joining: 'Checking that this meeting belongs to your host…',
  'password-needed': 'This meeting has a password.',
  'in-lobby': 'Waiting for the host to let you in…',
  'in-meeting': 'In the meeting.',
};

export function MeetingView(props: MeetingViewProps) {
  const { platform, request, name, prepared, onExit, onRetry } = props;
  const [session, setSession] = useState<MeetingSession | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let current: MeetingSession | null = null;
    let cancelled = false;
    startSession(request, name, platform, prepared).then(
      (started) => {
        current = started;
        if (cancelled) started.leave();
        else setSession(started);
      },
      (error: unknown) => setFailure(error ?? new Error('unknown')),
    );
    const leaveOnUnload = () => current?.leavePage();
    addEventListener('pagehide', leaveOnUnload);
    return () => {
      cancelled = true;
      removeEventListener('pagehide', leaveOnUnload);
      current?.leave();
    };
  }, [request, name, platform, prepared]);

  if (failure) return <Ended error={failure} onExit={onExit} onRetry={onRetry} />;
  if (!session) return <Starting />;
  if (session.phase.value === 'ended') {
    return (
      <Ended
        error={session.endError.value}
        endedForAll={session.endedForAll.value}
        onExit={onExit}
        onRetry={onRetry}
      />
    );
  }
  return <Room session={session} name={name} platform={platform} />;
}

function Starting() {
  const heading = useScreenHeading();
  return (
    <main class="meeting starting">
      <h1 tabIndex={-1} ref={heading}>
        Starting the meeting…
      </h1>
    </main>
  );
}

type OpenPanel = { kind: PanelKind; peerId: string | null; focus: boolean };

interface RoomProps {
  session: MeetingSession;
  name: string;
  platform: Platform;
}

function Room({ session, name, platform }: RoomProps) {
  const heading = useScreenHeading();
  const phase = session.phase.value;
  const inMeeting = phase === 'in-meeting';
  // The host starts alone: the people panel with the invite link is open to begin with.
  const [panel, setPanel] = useState<OpenPanel | null>(
    session.isHost ? { kind: 'people', peerId: null, focus: false } : null,
  );
  const opener = useRef<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'help' | 'leave' | 'end' | null>(null);
  const [mode, setMode] = useState<StageMode>('grid');
  const [pinned, setPinned] = useState<string | null>(null);
  const levels = useMemo(() => new AudioLevels(), []);
  useEffect(() => () => levels.close(), [levels]);

  const mediaOn = session.mediaOn.value;
  const ownScreen = session.screenStream.value;
  const listed = session.participants.value;
  // While the host is away the others stay connected and on the stage.
  const participants: Participant[] =
    inMeeting || (isHostAway(phase) && listed.length > 0)
      ? listed
      : [
          {
            peerId: 'self',
            name,
            role: session.isHost ? 'host' : 'participant',
            isSelf: true,
            stream: null,
            audioOn: mediaOn.audio,
            videoOn: mediaOn.video,
            screenSharing: ownScreen !== null,
            connection: 'connected',
            handRaisedAt: null,
            reaction: null,
          },
        ];
  const streamOf = (p: Participant) => (p.isSelf ? (ownScreen ?? session.localStream) : p.stream);

  useEffect(() => {
    levels.watch(
      new Map(participants.map((p) => [p.peerId, p.isSelf ? session.localStream : p.stream])),
      participants.find((p) => p.isSelf)?.peerId,
    );
  });
  useEffect(() => {
    document.title = tabTitle(inMeeting ? listed.length : 0, session.title.value);
    return () => void (document.title = 'Conclave');
  }, [inMeeting, listed.length, session.title.value]);

  const openPanel = (kind: PanelKind, from: HTMLElement, peerId: string | null = null) => {
    if (panel?.kind === kind && panel.peerId === peerId && kind !== 'verify') return closePanel();
    if (!panel) opener.current = from;
    setPanel({ kind, peerId, focus: true });
  };
  // Back to the control that opened it; a panel that opened by itself hands back to the heading.
  const closePanel = () => {
    setPanel(null);
    (opener.current ?? heading.current)?.focus();
    opener.current = null;
  };
  const closeDialog = () => {
    setDialog(null);
    opener.current?.focus();
  };
  const leave = (from: HTMLElement) => {
    // Only a host with others in the meeting has a choice to make.
    if (!session.isHost || !inMeeting || listed.length < 2) return session.leave();
    opener.current = from;
    setDialog('leave');
  };
  useKnockAlerts(session.waitingRoom, platform);
  const viewWaitingRoom = useViewWaitingRoom(() => {
    opener.current = null;
    setPanel({ kind: 'people', peerId: null, focus: true });
  });
  useRoomShortcuts(session, () => {
    opener.current = document.activeElement as HTMLElement | null;
    setDialog('help');
  });

  const chatOpen = panel?.kind === 'chat';
  useEffect(() => session.chat.setOpen(chatOpen), [session, chatOpen]);

  const markedVerified = session.markedVerified.value;
  const speaking = levels.speaking.value;
  const layout = stageLayout({
    // Viewers send nothing, so they get no tile (the people panel lists them).
    participants: participants.filter((p) => p.isSelf || p.role !== 'viewer'),
    mode,
    pinned,
    activeSpeaker: levels.lastSpeaker.value,
  });
  const server = session.serverConnection.value;
  const serverAway = inMeeting && server !== 'connected';
  const peersAway = inMeeting && everyoneReconnecting(listed);
  const statusText = peersAway
    ? PEERS_AWAY_TEXT
    : serverAway
      ? SERVER_AWAY_TEXT[server]
      : PHASE_TEXT[phase as 'in-meeting'];
  const others = participants.filter((p) => !p.isSelf);
  const verifyPerson =
    panel?.kind === 'verify' ? participants.find((p) => p.peerId === panel.peerId) : null;

  return (
    <main class="meeting" data-roster-version={session.rosterVersion.value}>
      <h1 class="sr-only" tabIndex={-1} ref={heading}>
        Meeting
      </h1>
      {isHostAway(phase) ? (
        <HostAway phase={phase} session={session} />
      ) : (
        <p role="status" class={inMeeting && !serverAway && !peersAway ? 'sr-only' : 'banner'}>
          {statusText}
        </p>
      )}
      <RelayOnlyStatus platform={platform} />
      <WaitingInLobby session={session} />
      {session.notices.value.length > 0 && (
        <ul role="log" aria-label="Notices" class="notices">
          {session.notices.value.map((notice) => (
            <li key={notice.id}>{noticeText(notice)}</li>
          ))}
        </ul>
      )}
      {inMeeting && panel?.kind !== 'people' && (
        <WaitingNotice
          waiting={session.waiting.value}
          room={session.waitingRoom}
          onView={viewWaitingRoom}
          onCleared={() => heading.current?.focus()}
        />
      )}
      <div aria-live="polite" class="sr-only">
        {session.announcements.value.at(-1)}
      </div>
      <div class={`room-body ${panel ? 'with-panel' : ''}`}>
        <ActivityToasts activity={session.activity} />
        <Stage
          layout={layout}
          renderTile={(p, place, spotlight) => (
            <Tile
              key={p.peerId}
              participant={p}
              stream={streamOf(p)}
              speaking={speaking.has(p.peerId) && p.audioOn}
              trust={trustState(p, markedVerified)}
              outputDevice={session.outputDevice.value}
              place={place}
              spotlight={spotlight}
              actions={
                inMeeting && (
                  <>
                    <button
                      class="icon-button"
                      aria-label={pinned === p.peerId ? `Unpin ${p.name}` : `Pin ${p.name}`}
                      aria-pressed={pinned === p.peerId}
                      title={pinned === p.peerId ? 'Unpin' : 'Pin to the stage'}
                      onClick={() => setPinned(pinned === p.peerId ? null : p.peerId)}
                    >
                      <Icon name="pin" size={20} />
                    </button>
                    <button
                      class="icon-button"
                      aria-label={`Full screen: ${p.name}`}
                      title="Full screen"
                      onClick={(e) => void e.currentTarget.closest('li')?.requestFullscreen()}
                    >
                      <Icon name="fullscreen" size={20} />
                    </button>
                    <ParticipantActions participant={p} session={session} compact />
                    {!p.isSelf && (
                      <button
                        class="icon-button"
                        aria-label={`Verify ${p.name}`}
                        title="Verification and connection details"
                        onClick={(e) => openPanel('verify', e.currentTarget, p.peerId)}
                      >
                        <Icon name="shieldCheck" size={20} />
                      </button>
                    )}
                  </>
                )
              }
            />
          )}
        />
        {panel?.kind === 'people' && (
          <SidePanel id="people" title="People" onClose={closePanel} focusOnOpen={panel.focus}>
            <PeoplePanel
              participants={participants}
              markedVerified={markedVerified}
              onVerify={(peerId) => setPanel({ kind: 'verify', peerId, focus: true })}
              invite={
                inMeeting &&
                !serverAway && (
                  <>
                    <InviteLink link={session.inviteLink} />
                    {session.admission && (
                      <HostAdmission
                        desk={session.admission}
                        room={session.waitingRoom}
                        inviteLink={session.inviteLink}
                      />
                    )}
                    {session.securityLog && <SecurityLogPanel log={session.securityLog} />}
                    {session.selfRole.value === 'co-host' && (
                      <LobbyPanel room={session.waitingRoom} />
                    )}
                  </>
                )
              }
            />
            <ViewerList session={session} />
            {inMeeting && (
              <HostControls
                session={session}
                onEndForAll={(from) => {
                  opener.current = from;
                  setDialog('end');
                }}
              />
            )}
          </SidePanel>
        )}
        {panel?.kind === 'verify' && (
          <SidePanel
            id="verify"
            title={verifyPerson ? `Verify ${verifyPerson.name}` : 'Verification'}
            onClose={closePanel}
            focusOnOpen={panel.focus}
          >
            <VerificationPanel
              session={session}
              person={verifyPerson ?? null}
              others={others}
              onChoose={(peerId) => setPanel({ kind: 'verify', peerId, focus: true })}
            />
          </SidePanel>
        )}
        {panel?.kind === 'chat' && (
          <SidePanel id="chat" title="Chat" onClose={closePanel} focusOnOpen={panel.focus}>
            <ChatPanel chat={session.chat} files={session.files} participants={participants} />
          </SidePanel>
        )}
        {panel?.kind === 'settings' && (
          <SidePanel id="settings" title="Devices" onClose={closePanel} focusOnOpen={panel.focus}>
            <SettingsPanel session={session} />
          </SidePanel>
        )}
      </div>
      <Controls
        session={session}
        panel={panel?.kind ?? null}
        peopleCount={participants.length}
        stageMode={mode}
        onPanel={(kind, from) => openPanel(kind, from)}
        onStageMode={setMode}
        onHelp={(from) => {
          opener.current = from;
          setDialog('help');
        }}
        onLeave={leave}
      />
      {dialog === 'help' && <HelpDialog onClose={closeDialog} />}
      {(dialog === 'leave' || dialog === 'end') && (
        <EndForAllDialog
          leaving={dialog === 'leave'}
          onEndForAll={() => session.commands.endForAll()}
          onClose={closeDialog}
        />
      )}
    </main>
  );
}
