import { useState } from 'preact/hooks';
import type { AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import { PasswordField } from '../lobby/PasswordField.tsx';
import { useDesk } from './use-desk.ts';

/** Sets, changes or removes the meeting password during the meeting. */
export function MeetingPasswordPanel({ desk }: { desk: AdmissionDesk }) {
  useDesk(desk);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const apply = async (next: string | null) => {
    setBusy(true);
    try {
      await desk.setPassword(next);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="meeting-password" aria-label="Meeting password">
      <h2>Password</h2>
      <p role="status">
        {desk.passwordInUse
          ? 'A password is set: whoever types it comes straight in.'
          : 'No password: people with the link wait in the waiting room.'}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (password.trim()) void apply(password);
        }}
      >
        <PasswordField label="New meeting password" value={password} onInput={setPassword} />
        <button type="submit" disabled={busy || !password.trim()}>
          {desk.passwordInUse ? 'Change password' : 'Set password'}
        </button>
        {desk.passwordInUse && (
          <button type="button" disabled={busy} onClick={() => void apply(null)}>
            Remove password
          </button>
        )}
      </form>
    </section>
  );
}
