import { useEffect, useState } from 'preact/hooks';
import type { SecurityEventKind } from '../../core/meeting/security-log/security-event.ts';
import type {
  SecurityLog,
  SecurityLogEntry,
} from '../../core/meeting/security-log/security-log.ts';
import './SecurityLogPanel.css';

const KIND_TEXT: Record<SecurityEventKind, string> = {
  joined: 'Joined',
  admitted: 'Admitted',
  denied: 'Denied',
  refused: 'Turned away',
  'proof-failed': 'Failed proof',
  'lobby-timeout': 'Lobby timeout',
  'link-revoked': 'Link revoked',
  removed: 'Removed',
  'role-changed': 'Role changed',
  locked: 'Locked',
  unlocked: 'Unlocked',
  alert: 'Alert',
  'fingerprint-mismatch': 'Fingerprint mismatch',
  'command-ignored': 'Command ignored',
  'held-back': 'Not listed',
};

/** The newest entries shown on screen; the export holds every entry kept. */
const SHOWN = 50;

function entryText({ kind, name, peer, detail }: SecurityLogEntry): string {
  const who = name ? `${name}${peer ? ` (${peer}…)` : ''}: ` : '';
  return `${KIND_TEXT[kind]}: ${who}${detail}`;
}

/** Saves the log as a JSON file; nothing leaves this device. */
function exportLog(log: SecurityLog): void {
  const data = log.export();
  const stamp = data.exportedAt.replace(/[:.]/g, '-');
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `conclave-security-log-${data.meetingId.slice(0, 8)}-${stamp}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The host's security log for this session: newest first, and an export as JSON. */
export function SecurityLogPanel({ log }: { log: SecurityLog }) {
  const [, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  useEffect(() => log.events.on('changed', () => setVersion((n) => n + 1)), [log]);
  const newest = log.entries.slice(-SHOWN).reverse();
  return (
    <section class="security-log" aria-label="Security log">
      <button class="disclosure" aria-expanded={open} onClick={() => setOpen(!open)}>
        Security log ({log.entries.length})
      </button>
      {open && (
        <>
          <p class="hint">Kept on this device for this session only; never sent anywhere.</p>
          {log.entries.length === 0 ? (
            <p class="empty">Nothing yet.</p>
          ) : (
            <ol class="security-log-entries" aria-label="Security log entries">
              {newest.map((entry, i) => (
                <li key={log.entries.length - i}>
                  <time dateTime={entry.time}>{new Date(entry.time).toLocaleTimeString()}</time>{' '}
                  {entryText(entry)}
                </li>
              ))}
            </ol>
          )}
          {log.dropped > 0 && <p class="hint">{log.dropped} older entries were dropped.</p>}
          <button onClick={() => exportLog(log)}>Export security log</button>
        </>
      )}
    </section>
  );
}
