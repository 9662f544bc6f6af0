import { HandControls } from '../hands/HandControls.tsx';
import { peopleButtonLabel } from '../host/waiting-notice/waiting-text.ts';
import { BarButton } from './BarButton.tsx';
import { BarMenu } from './BarMenu.tsx';
import { Icon } from './icons.tsx';
import type { MeetingSession } from './session.ts';
import type { StageMode } from './view-model.ts';

export type PanelKind = 'people' | 'chat' | 'verify' | 'settings';

interface ControlsProps {
  session: MeetingSession;
  panel: PanelKind | null;
  peopleCount: number;
  stageMode: StageMode;
  onPanel(kind: PanelKind, opener: HTMLElement): void;
  onStageMode(mode: StageMode): void;
  onHelp(opener: HTMLElement): void;
  onLeave(opener: HTMLElement): void;
}

/** The control bar, fixed at the bottom of the room. */
export function Controls(props: ControlsProps) {
  const { session, panel, peopleCount, stageMode, onPanel, onStageMode, onHelp, onLeave } = props;
  const on = session.mediaOn.value;
  const available = session.mediaAvailable.value;
  const sharing = session.screenStream.value !== null;
  const unread = session.chat.unread.value;
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  // A viewer only receives.
  const viewer = session.selfRole.value === 'viewer';
  const waiting = session.waiting.value.length;
  return (
    <div role="toolbar" aria-label="Meeting controls" class="control-bar">
      <BarButton
        label="Microphone"
        hint={on.audio ? 'Turn microphone off (M)' : 'Turn microphone on (M, or hold Space)'}
        icon={on.audio ? 'mic' : 'micOff'}
        pressed={on.audio}
        off={!on.audio}
        disabled={!available.audio || viewer}
        onClick={() => void session.toggle('audio')}
      />
      <BarButton
        label="Camera"
        hint={on.video ? 'Turn camera off (V)' : 'Turn camera on (V)'}
        icon={on.video ? 'camera' : 'cameraOff'}
        pressed={on.video}
        off={!on.video}
        disabled={!available.video || viewer}
        onClick={() => void session.toggle('video')}
      />
      {canShare && (
        <BarButton
          label="Share screen"
          hint={sharing ? 'Stop sharing your screen' : 'Share your screen, a window or a tab'}
          icon="screen"
          pressed={sharing}
          class={sharing ? 'active' : ''}
          disabled={viewer && !sharing}
          onClick={() => void session.toggleScreenShare()}
        />
      )}
      <HandControls session={session} />
      <BarButton
        label={peopleButtonLabel(waiting)}
        hint={
          waiting > 0
            ? `${waiting} waiting to join: open the waiting room`
            : 'Show everyone in the meeting'
        }
        icon="people"
        expanded={panel === 'people'}
        class={waiting > 0 ? 'knocking' : ''}
        count={waiting || peopleCount}
        onClick={(e) => onPanel('people', e.currentTarget)}
      />
      <BarButton
        label="Chat"
        hint={unread > 0 ? `Chat: ${unread} unread` : 'Chat and files'}
        icon="chat"
        expanded={panel === 'chat'}
        count={unread || undefined}
        onClick={(e) => onPanel('chat', e.currentTarget)}
      />
      <BarButton
        label="Verification"
        hint="Check who you are connected to"
        icon="shieldCheck"
        expanded={panel === 'verify'}
        onClick={(e) => onPanel('verify', e.currentTarget)}
      />
      <BarMenu
        label="More options"
        hint="Layout, devices and keyboard shortcuts"
        icon="settings"
        menuClass="more-menu"
      >
        {(close, opener) => (
          <>
            <button
              onClick={() => {
                close();
                onStageMode(stageMode === 'grid' ? 'speaker' : 'grid');
              }}
            >
              <Icon name={stageMode === 'grid' ? 'speaker' : 'layout'} />
              {stageMode === 'grid' ? 'Speaker view' : 'Grid view'}
            </button>
            <button
              onClick={() => {
                close();
                onPanel('settings', opener());
              }}
            >
              <Icon name="settings" />
              Devices
            </button>
            <button
              onClick={() => {
                close();
                onHelp(opener());
              }}
            >
              <Icon name="keyboard" />
              Keyboard shortcuts
            </button>
          </>
        )}
      </BarMenu>
      <BarButton
        label="Leave"
        hint={session.isHost ? 'Leave or end the meeting for everyone' : 'Leave the meeting'}
        icon="leave"
        class="danger"
        onClick={(e) => onLeave(e.currentTarget)}
      />
    </div>
  );
}
