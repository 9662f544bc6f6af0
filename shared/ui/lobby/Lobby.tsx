import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import { parseInvite, type Invite } from '../../core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../core/protocol/schemas.ts';
import { PasswordField } from './PasswordField.tsx';

interface LobbyProps {
  initialName: string;
  /** Set when the page was opened from an invite link. */
  invite: Invite | null;
  /** `password`: the new meeting's password, or '' for none (everyone waits in the lobby). */
  onNewMeeting(name: string, password: string): Promise<void> | void;
  onJoin(invite: Invite, name: string): Promise<void> | void;
  /** Offer a password for a new meeting (the popup leaves it to the meeting's own page). */
  offerPassword?: boolean;
  /** Shown under the form (the popup's link to settings). */
  children?: ComponentChildren;
}

/** Name, "New meeting" and join by link: the PWA's first screen and the extension's popup. */
export function Lobby(props: LobbyProps) {
  const { initialName, invite, onNewMeeting, onJoin, offerPassword = false, children } = props;
  const [name, setName] = useState(initialName);
  const [link, setLink] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const validName = (): string | null => {
    const trimmed = name.trim();
    if (!trimmed) setProblem('Enter your name first.');
    return trimmed || null;
  };

  const run = async (action: () => Promise<void> | void) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const startNew = () => {
    const displayName = validName();
    if (displayName) void run(() => onNewMeeting(displayName, password.trim()));
  };

  const join = (event: Event) => {
    event.preventDefault();
    const displayName = validName();
    if (!displayName) return;
    const target = invite ?? parseInvite(link);
    if (!target) return setProblem(new ConclaveError(ErrorCode.InvalidInvite).message);
    void run(() => onJoin(target, displayName));
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
            maxLength={MAX_NAME_LENGTH}
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
            {offerPassword && (
              <PasswordField
                label="Meeting password (optional)"
                value={password}
                onInput={setPassword}
              />
            )}
            <button type="button" class="primary" disabled={busy} onClick={startNew}>
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
            <button type="submit" disabled={busy}>
              Join
            </button>
          </>
        )}
      </form>
      {problem && (
        <p role="alert" class="problem">
          {problem}
        </p>
      )}
      {children}
    </main>
  );
}
