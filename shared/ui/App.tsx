import { useEffect, useState } from 'preact/hooks';
import type { Invite } from '../core/meeting/invite.ts';
import { createHostDescriptor } from '../core/meeting/meeting.ts';
import type { Platform } from '../platform.ts';
import { deleteStaleChatVaults } from '../storage/chat-vault.ts';
import { Lobby } from './lobby/Lobby.tsx';
import type { MeetingRequest } from './meeting/start-session.ts';
import type { MeetingViewProps } from './meeting/MeetingView.tsx';

interface AppProps {
  platform: Platform;
  invite?: Invite | null;
  /** Start at once (the extension's meeting page opened from its popup). */
  autoStart?: { request: MeetingRequest; name: string } | null;
}

type MeetingViewComponent = (props: MeetingViewProps) => preact.JSX.Element;

/** The meeting screen and PeerJS: fetched after the lobby has rendered, used on Join. */
const loadMeetingView = () => import('./meeting/MeetingView.tsx').then((m) => m.MeetingView);

export function App({ platform, invite = null, autoStart = null }: AppProps) {
  const [active, setActive] = useState(autoStart);
  const [name, setName] = useState<string | null>(null);
  const [MeetingView, setMeetingView] = useState<MeetingViewComponent | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    void platform.loadDisplayName().then(setName);
    // Whatever chat a crashed or killed session left behind goes at every start.
    void deleteStaleChatVaults().catch(() => undefined);
  }, [platform]);

  useEffect(() => {
    if (MeetingView) return;
    setLoadFailed(false);
    loadMeetingView().then(
      (view) => setMeetingView(() => view),
      () => setLoadFailed(true),
    );
  }, [active, MeetingView]);

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
  const start = (request: MeetingRequest, chosen: string) => {
    void platform.saveDisplayName(chosen);
    setActive({ request, name: chosen });
  };
  return (
    <Lobby
      initialName={name}
      invite={invite}
      onNewMeeting={async (chosen) =>
        start({ kind: 'host', descriptor: await createHostDescriptor() }, chosen)
      }
      onJoin={(target, chosen) => start({ kind: 'guest', invite: target }, chosen)}
    />
  );
}
