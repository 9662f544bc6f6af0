import { useState } from 'preact/hooks';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import { parseInvite, type Invite } from '../../core/meeting/invite.ts';
import { createHostDescriptor } from '../../core/meeting/meeting.ts';
import type { MeetingRequest } from '../meeting/start-session.ts';

interface LobbyProps {
  initialName: string;
  /** Set when the page was opened from an invite link. */
  invite: Invite | null;
  onStart(request: MeetingRequest, name: string): void;
}

export function Lobby({ initialName, invite, onStart }: LobbyProps) {
  const [name, setName] = useState(initialName);
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const validName = (): string | null => {
    const trimmed = name.trim();
    if (!trimmed) setProblem('Enter your name first.');
    return trimmed || null;
  };

  const startNew = async () => {
    const displayName = validName();
    if (!displayName) return;
    setBusy(true);
    onStart({ kind: 'host', descriptor: await createHostDescriptor() }, displayName);
  };

  const join = (event: Event) => {
    event.preventDefault();
    const displayName = validName();
    if (!displayName) return;
    const target = invite ?? parseInvite(link);
    if (!target) return setProblem(new ConclaveError(ErrorCode.InvalidInvite).message);
    onStart({ kind: 'guest', invite: target }, displayName);
  };

  return (
    <main class="lobby">
      <h1>Conclave</h1>
      <p class="tagline">
        Private meetings, peer to peer. Nothing of the meeting is kept on any server.
      </p>
      <form onSubmit={join}>
        <label>
          Your name
          <input
            value={name}
            maxLength={64}
            autocomplete="name"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        {invite ? (
          <button type="submit" class="primary">
            Join meeting
          </button>
        ) : (
          <>
            <button type="button" class="primary" disabled={busy} onClick={() => void startNew()}>
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
          </>
        )}
      </form>
      {problem && (
        <p role="alert" class="problem">
          {problem}
        </p>
      )}
    </main>
  );
}
