import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Lobby } from '../../../shared/ui/lobby/Lobby.tsx';
import { MeetingsList } from '../../../shared/ui/lobby/MeetingsList.tsx';
import { intentToHash, type MeetingIntent } from '../../meeting-hash.ts';
import { extensionPlatform } from '../../settings.ts';

/** One click to start or join: the meeting itself runs in the extension's own page. */
export function Popup() {
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    void extensionPlatform.loadDisplayName().then(setName);
  }, []);

  const open = async (intent: MeetingIntent, chosen: string) => {
    await extensionPlatform.saveDisplayName(chosen);
    await browser.tabs.create({
      url: browser.runtime.getURL('/meeting.html') + intentToHash(intent),
    });
    window.close();
  };

  if (name === null) return null;
  return (
    <Lobby
      initialName={name}
      invite={null}
      onNewMeeting={(chosen) => open({ kind: 'new' }, chosen)}
      onJoin={(invite, chosen) => open({ kind: 'join', invite }, chosen)}
    >
      <MeetingsList
        platform={extensionPlatform}
        onReopen={(m) => void open({ kind: 'host', meetingId: m.meetingId }, name || 'Host')}
      />
      <p>
        <a href={browser.runtime.getURL('/options.html')} target="_blank">
          Server settings
        </a>
      </p>
    </Lobby>
  );
}
