import { useEffect, useState } from 'preact/hooks';
import type { AdmissionAlert, AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import type { WaitingRoom } from '../../core/meeting/waiting-room/waiting-room.ts';
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

/** The waiting room's heading, where "View" on the waiting notice brings the focus. */
export const WAITING_ROOM_HEADING = 'waiting-room-heading';

/** Redraws on every change of the list (the room's knock alerts sound whatever is open). */
function useWaitingRoom(room: WaitingRoom): void {
  const [, setVersion] = useState(0);
  useEffect(() => room.events.on('changed', () => setVersion((n) => n + 1)), [room]);
}

/** The host's alerts and lock; a co-host's panel has neither. */
function HostLobbyControls({ desk }: { desk: AdmissionDesk }) {
  useDesk(desk);
  const [alerts, setAlerts] = useState<string[]>([]);
  useEffect(
    () =>
      desk.events.on('alert', (alert) =>
        setAlerts((shown) => [...shown, alertText(alert)].slice(-3)),
      ),
    [desk],
  );
  return (
    <>
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
    </>
  );
}

/**
 * The waiting room, for the host and its co-hosts alike: who knocks, whether a proof passed,
 * admit or deny. `desk` (the host's own) adds the host's alerts and the lock.
 */
export function LobbyPanel({ room, desk }: { room: WaitingRoom; desk?: AdmissionDesk }) {
  useWaitingRoom(room);
  const waiting = room.waiting;
  return (
    <section class="lobby-panel" aria-label="Waiting room">
      <h2 id={WAITING_ROOM_HEADING} tabIndex={-1}>
        Waiting room ({waiting.length})
      </h2>
      {desk && <HostLobbyControls desk={desk} />}
      {waiting.length === 0 ? (
        <p class="empty">Nobody is waiting.</p>
      ) : (
        <>
          <ul aria-label="Waiting to join">
            {waiting.map((entry) => (
              <li key={entry.id} aria-label={entry.name}>
                <span class="name">{entry.name}</span>
                {entry.keyLabel && <span class="badge">{entry.keyLabel}</span>}
                <span class="proof">{PROOF_TEXT[entry.reason]}</span>
                <button class="primary" onClick={() => room.admit(entry.id)}>
                  Admit {entry.name}
                </button>
                <button onClick={() => room.deny(entry.id)}>Deny {entry.name}</button>
              </li>
            ))}
          </ul>
          <div class="all">
            <button onClick={() => room.admitAll()}>Admit all</button>
            <button onClick={() => room.denyAll()}>Deny all</button>
          </div>
        </>
      )}
    </section>
  );
}
