import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Invite } from '../../core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../core/protocol/limits.ts';
import { useScreenHeading } from '../focus.ts';
import type { Platform } from '../../platform.ts';
import { RelayOnlySetting } from '../relay-only/RelayOnlySetting.tsx';
import { problemProps, ProblemText, type FieldProblem } from './field-problem.tsx';
import { LobbyHeader } from './LobbyHeader.tsx';
import { PasswordField } from './PasswordField.tsx';

interface LobbyProps {
  initialName: string;
  /** Set when the page was opened from an invite link. */
  invite?: Invite | null;
  /** `password`: the new meeting's password, or '' for none (everyone waits in the lobby). */
  onNewMeeting(name: string, password: string): Promise<void> | void;
  onJoin(invite: Invite, name: string): Promise<void> | void;
  /** Offer a password for a new meeting (the popup leaves it to the meeting's own page). */
  offerPassword?: boolean;
  /** Where the relay-only setting is kept. */
  platform: Pick<Platform, 'loadRelayOnly' | 'saveRelayOnly'>;
  /** Shown under the form (the popup's link to settings). */
  children?: ComponentChildren;
}

type Problem = FieldProblem<'name' | 'link'>;

/** Reading a pasted link (and the schema code under it) is fetched when it is joined. */
const readPastedInvite = (text: string) =>
  import('./read-invite.ts').then(({ readInvite }) => readInvite(text));

/** Name, "New meeting" and join by link: the PWA's first screen and the extension's popup. */
export function Lobby({
  initialName,
  invite = null,
  onNewMeeting,
  onJoin,
  offerPassword = false,
  platform,
  children,
}: LobbyProps) {
  const heading = useScreenHeading();
  const [name, setName] = useState(initialName);
  const [link, setLink] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const validName = (): string | null => {
    const trimmed = name.trim();
    if (!trimmed) setProblem({ field: 'name', text: 'Enter your name first.' });
    return trimmed || null;
  };

  const run = async (action: () => Promise<void> | void) => {
    setBusy(true);
    try {
      await action();
    } catch {
      // The screen's code could not be fetched (offline before it was cached), or the store failed.
      setProblem({
        field: 'form',
        text: 'Conclave could not open that just now. Check your connection and try again.',
      });
    } finally {
      setBusy(false);
    }
  };

  const startNew = () => {
    const displayName = validName();
    if (displayName) void run(() => onNewMeeting(displayName, password.trim()));
  };

  const join = () => {
    const displayName = validName();
    if (!displayName) return;
    void run(async () => {
      const target = invite ? { invite } : await readPastedInvite(link);
      if ('invite' in target) return onJoin(target.invite, displayName);
      setProblem({ field: 'link', text: target.problem });
    });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    join();
  };

  // Enter in the name field runs the screen's main action (joining, once a link is pasted).
  const enterInName = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (invite || link.trim()) join();
    else startNew();
  };

  const fieldProps = (field: 'name' | 'link') => problemProps(problem, 'lobby', field);
  const problemText = (field: Problem['field']) => (
    <ProblemText problem={problem} form="lobby" field={field} />
  );

  return (
    <main class="lobby">
      <LobbyHeader heading={heading} />
      <form onSubmit={submit}>
        <label>
          Your name
          <input
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autocomplete="name"
            {...fieldProps('name')}
            onKeyDown={enterInName}
            onInput={(e) => {
              setName(e.currentTarget.value);
              if (problem?.field === 'name') setProblem(null);
            }}
          />
        </label>
        {problemText('name')}
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
                {...fieldProps('link')}
                onInput={(e) => {
                  setLink(e.currentTarget.value);
                  if (problem?.field === 'link') setProblem(null);
                }}
              />
            </label>
            {problemText('link')}
            <button type="submit" disabled={busy}>
              Join
            </button>
          </>
        )}
        {problemText('form')}
      </form>
      <RelayOnlySetting platform={platform} />
      {children}
    </main>
  );
}
