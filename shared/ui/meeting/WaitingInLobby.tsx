import { useState } from 'preact/hooks';
import type { MeetingSession } from './session.ts';
import './WaitingInLobby.css';

const REASON_TEXT = {
  'password-needed': 'This meeting has a password. Enter it to go straight in, or knock and wait.',
  waiting: 'You are in the waiting room. The host will let you in.',
  'wrong-password': 'Wrong password. You are in the waiting room; the host can still let you in.',
  'key-refused':
    'Your personal link was not accepted (it may have expired or been withdrawn). You are in the waiting room; the host can still let you in.',
  'slow-down':
    'Too many wrong passwords were tried in this meeting just now, so yours was not checked. You are in the waiting room; try again in a minute.',
} as const;

/** A guest's screen while the host decides: why they wait, and the password when it helps. */
export function WaitingInLobby({ session }: { session: MeetingSession }) {
  const [password, setPassword] = useState('');
  const status = session.lobby.value;
  if (!status) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    if (!password) return;
    session.submitPassword(password);
    setPassword('');
  };
  const { attemptsLeft } = status;
  return (
    <section class="waiting-in-lobby" aria-label="Waiting room">
      <p role="status">
        {REASON_TEXT[status.reason]}
        {status.reason === 'wrong-password' && attemptsLeft !== null && (
          <> {attemptsLeft === 1 ? '1 attempt left.' : `${attemptsLeft} attempts left.`}</>
        )}
      </p>
      {status.askingPassword && (
        <form onSubmit={submit}>
          <label>
            Meeting password
            <input
              type="password"
              value={password}
              autocomplete="off"
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary" disabled={!password}>
            Enter with password
          </button>
          {status.reason === 'password-needed' && (
            <button type="button" onClick={() => session.submitPassword(null)}>
              Knock without password
            </button>
          )}
        </form>
      )}
    </section>
  );
}
