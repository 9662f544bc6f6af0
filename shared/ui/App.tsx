import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Invite } from '../core/meeting/invite.ts';
import type { Platform } from '../platform.ts';
import { deleteStaleChatVaults } from '../storage/chat-vault.ts';
import { Lobby } from './lobby/Lobby.tsx';
import type { MeetingRequest } from './meeting/start-session.ts';
import type { MeetingViewProps } from './meeting/MeetingView.tsx';
import { useScreenWakeLock } from './meeting/use-wake-lock.ts';
import { whenIdle } from './meeting/when-idle.ts';
import { OfflineNote } from './offline/OfflineNote.tsx';
import { useWhenOnline } from './offline/use-online.ts';

interface AppProps {
  platform: Platform;
  invite?: Invite | null;
  /** Start at once (the extension's meeting page opened from its popup). */
  autoStart?: { request: MeetingRequest; name: string } | null;
}

type MeetingViewComponent = (props: MeetingViewProps) => preact.JSX.Element;

/** The meeting screen and PeerJS: off the lobby's first load, fetched when idle or on Join. */
const loadMeetingView = () => import('./meeting/MeetingView.tsx').then((m) => m.MeetingView);
/** A host's new meeting; the meeting core comes with the meeting chunk, not the lobby's. */
const newHostRequest = async (): Promise<MeetingRequest> => {
  const { createHostDescriptor } = await import('../core/meeting/meeting.ts');
  return { kind: 'host', descriptor: await createHostDescriptor() };
};

export function App({ platform, invite = null, autoStart = null }: AppProps) {
  const [active, setActive] = useState(autoStart);
  const [name, setName] = useState<string | null>(null);
  const [MeetingView, setMeetingView] = useState<MeetingViewComponent | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  // Before the first paint, so the lobby replaces the page's static header without a blank frame.
  useLayoutEffect(() => {
    void platform.loadDisplayName().then(setName);
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
    if (active) return load();
    return whenIdle(load);
  }, [active, MeetingView]);

  useScreenWakeLock(active !== null);
  const start = useCallback(
    (meeting: { request: MeetingRequest; name: string }) => {
      void platform.saveDisplayName(meeting.name);
      setActive(meeting);
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
  const startWhenOnline = useWhenOnline(start, serverAnswers);

  if (active) {
    return MeetingView ? (
      <MeetingView
        platform={platform}
        request={active.request}
        name={active.name}
        onExit={() => setActive(null)}
      />
    ) : loadFailed ? (
      <main class="ended">
        <p role="alert">Could not load the meeting screen. Check your connection and try again.</p>
        <button onClick={() => setActive(null)}>Back to lobby</button>
      </main>
    ) : (
      <p role="status">Loading…</p>
    );
  }
  if (name === null) return null;
  return (
    <Lobby
      initialName={name}
      invite={invite}
      onNewMeeting={async (chosen) =>
        startWhenOnline.request({ request: await newHostRequest(), name: chosen })
      }
      onJoin={(target, chosen) =>
        startWhenOnline.request({ request: { kind: 'guest', invite: target }, name: chosen })
      }
    >
      <OfflineNote
        online={startWhenOnline.online}
        waiting={startWhenOnline.waiting}
        onCancel={startWhenOnline.cancel}
      />
    </Lobby>
  );
}
