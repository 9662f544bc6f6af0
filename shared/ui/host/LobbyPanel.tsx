import { useEffect, useState } from 'preact/hooks';
import type { AdmissionAlert, AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import type { WaitReason } from '../../core/protocol/schemas.ts';
import { useDesk } from './use-desk.ts';
import './LobbyPanel.css';

const PROOF_TEXT: Record<WaitReason, string> = {
  waiting: 'no password or key',
  'wrong-password': 'wrong password',
  'key-refused': 'personal link refused',
  'slow-down': 'password not checked (too many guesses)',
};

function alertText(alert: AdmissionAlert): string {
  if (alert.kind === 'flood') {
    return 'More than 20 people knocked within a minute, so the meeting locked itself. Only the password or a personal link gets in now.';
  }
  return `Many wrong passwords were tried: password checks are paused for ${Math.round(alert.backoffMs / 1000)} s.`;
}

/** The host's waiting room: who knocks, whether a proof passed, admit or deny. */
export function LobbyPanel({ desk }: { desk: AdmissionDesk }) {
  useDesk(desk);
  const [alerts, setAlerts] = useState<string[]>([]);
  useEffect(() => {
    return desk.events.on('alert', (alert) =>
      setAlerts((shown) => [...shown, alertText(alert)].slice(-3)),
    );
  }, [desk]);
  const waiting = desk.waiting;
  return (
    <section class="lobby-panel" aria-label="Waiting room">
      <h2>Waiting room ({waiting.length})</h2>
      {alerts.map((text, i) => (
        <p key={i} role="alert" class="problem">
          {text}
        </p>
      ))}
      <label class="lock">
        <input
          type="checkbox"
          checked={desk.locked}
          onChange={(e) => desk.setLocked(e.currentTarget.checked)}
        />
        Lock meeting (only the password or a personal link gets in)
      </label>
      {waiting.length === 0 ? (
        <p class="empty">Nobody is waiting.</p>
      ) : (
        <>
          <ul aria-label="Waiting to join">
            {waiting.map((entry) => (
              <li key={entry.peerId} aria-label={entry.name}>
                <span class="name">{entry.name}</span>
                {entry.keyLabel && <span class="badge">{entry.keyLabel}</span>}
                <span class="proof">{PROOF_TEXT[entry.reason]}</span>
                <button class="primary" onClick={() => desk.admit(entry.peerId)}>
                  Admit {entry.name}
                </button>
                <button onClick={() => desk.deny(entry.peerId)}>Deny {entry.name}</button>
              </li>
            ))}
          </ul>
          <div class="all">
            <button onClick={() => desk.admitAll()}>Admit all</button>
            <button onClick={() => desk.denyAll()}>Deny all</button>
          </div>
        </>
      )}
    </section>
  );
}
