import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import { parseInvite, type Invite } from '../../core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../core/protocol/schemas.ts';
import type { Platform } from '../../platform.ts';
import { RelayOnlySetting } from '../relay-only/RelayOnlySetting.tsx';

interface LobbyProps {
  initialName: string;
  /** Set when the page was opened from an invite link. */
  invite: Invite | null;
  onNewMeeting(name: string): Promise<void> | void;
  onJoin(invite: Invite, name: string): Promise<void> | void;
  /** Where the relay-only setting is kept. */
  platform: Pick<Platform, 'loadRelayOnly' | 'saveRelayOnly'>;
  /** Shown under the form (the popup's link to settings). */
  children?: ComponentChildren;
}

/** Name, "New meeting" and join by link: the PWA's first screen and the extension's popup. */
export function Lobby({
  initialName,
  invite,
  onNewMeeting,
  onJoin,
  platform,
  children,
}: LobbyProps) {
  const [name, setName] = useState(initialName);
  const [link, setLink] = useState('');
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
    if (displayName) void run(() => onNewMeeting(displayName));
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
      <RelayOnlySetting platform={platform} />
      {problem && (
        <p role="alert" class="problem">
          {problem}
        </p>
      )}
      {children}
    </main>
  );
}
