import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parseInvite } from '../../../shared/core/meeting/invite.ts';
import { intentToHash, type MeetingIntent } from '../../meeting-hash.ts';
import { extensionPlatform } from '../../settings.ts';

/** One click to start or join: the meeting itself runs in the extension's own page. */
export function Popup() {
  const [name, setName] = useState('');
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void extensionPlatform.loadDisplayName().then(setName);
  }, []);

  const open = async (intent: MeetingIntent) => {
    if (!name.trim()) return setProblem('Enter your name first.');
    await extensionPlatform.saveDisplayName(name.trim());
    await browser.tabs.create({
      url: browser.runtime.getURL('/meeting.html') + intentToHash(intent),
    });
    window.close();
  };

  const join = (event: Event) => {
    event.preventDefault();
    const invite = parseInvite(link);
    if (!invite) return setProblem('That is not a valid Conclave invite link.');
    void open({ kind: 'join', invite });
  };

  return (
    <main>
      <h1>Conclave</h1>
      <form onSubmit={join}>
        <label>
          Your name
          <input value={name} maxLength={64} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="button" class="primary" onClick={() => void open({ kind: 'new' })}>
          New meeting
        </button>
        <label>
          Invite link
          <input
            value={link}
            placeholder="Paste a link to join"
            onInput={(e) => setLink(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Join</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      <p>
        <a href={browser.runtime.getURL('/options.html')} target="_blank">
          Server settings
        </a>
      </p>
    </main>
  );
}
