import { useState } from 'preact/hooks';
import type { AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import {
  accessKeyProblem,
  type AccessKey,
  type KeyHolder,
} from '../../core/meeting/host/admission-settings.ts';
import { inviteLinkWithKey } from '../../core/meeting/invite.ts';
import { MAX_KEY_LABEL_LENGTH, type GuestRole } from '../../core/protocol/schemas.ts';
import { QrCode } from './QrCode.tsx';
import { useDesk } from './use-desk.ts';
import './AccessKeysPanel.css';

const EXPIRY_CHOICES = [
  { label: 'Never', ms: null },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '1 day', ms: 24 * 60 * 60_000 },
  { label: '1 week', ms: 7 * 24 * 60 * 60_000 },
] as const;

interface AccessKeysPanelProps {
  desk: AdmissionDesk;
  inviteLink: string;
}

/** Personal links: each admits its holder at once, in its role, until revoked. */
export function AccessKeysPanel({ desk, inviteLink }: AccessKeysPanelProps) {
  useDesk(desk);
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<GuestRole>('participant');
  const [expiry, setExpiry] = useState(0);
  const [uses, setUses] = useState('');
  const create = (event: Event) => {
    event.preventDefault();
    const ms = EXPIRY_CHOICES[expiry]?.ms ?? null;
    const maxUses = Number.parseInt(uses, 10);
    void desk.issueKey({
      label,
      role,
      expiresAt: ms === null ? null : Date.now() + ms,
      maxUses: Number.isFinite(maxUses) && maxUses > 0 ? maxUses : null,
    });
    setLabel('');
  };
  const holders = desk.keyHolders;
  return (
    <section class="access-keys" aria-label="Personal links">
      <h2>Personal links</h2>
      <form onSubmit={create}>
        <label>
          Who is it for
          <input
            value={label}
            maxLength={MAX_KEY_LABEL_LENGTH}
            placeholder="doctor, client…"
            onInput={(e) => setLabel(e.currentTarget.value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as GuestRole)}>
            <option value="participant">Participant</option>
            <option value="viewer">Viewer (watch only)</option>
          </select>
        </label>
        <label>
          Expires
          <select value={expiry} onChange={(e) => setExpiry(Number(e.currentTarget.value))}>
            {EXPIRY_CHOICES.map((choice, i) => (
              <option key={choice.label} value={i}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Uses
          <input
            type="number"
            min={1}
            value={uses}
            placeholder="no limit"
            onInput={(e) => setUses(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Create personal link</button>
      </form>
      <ul aria-label="Personal links issued">
        {desk.accessKeys.map((key) => (
          <KeyRow
            key={key.id}
            accessKey={key}
            link={key.key === null ? null : inviteLinkWithKey(inviteLink, key.key)}
            holders={holders.filter((h) => h.keyId === key.id)}
            onRevoke={() => void desk.revokeKey(key.id)}
          />
        ))}
      </ul>
    </section>
  );
}

interface KeyRowProps {
  accessKey: AccessKey;
  /** Null once the page has reloaded: the link itself is never stored, only its verifier. */
  link: string | null;
  holders: KeyHolder[];
  onRevoke(): void;
}

function KeyRow({ accessKey, link, holders, onRevoke }: KeyRowProps) {
  const [showQr, setShowQr] = useState(false);
  const { label } = accessKey;
  const problem = accessKeyProblem(accessKey, Date.now());
  const state = problem
    ? { revoked: 'Revoked', expired: 'Expired', 'used-up': 'Used up' }[problem]
    : holders.length > 0
      ? `In use by ${holders.map((h) => h.name).join(', ')}`
      : 'Not in use';
  return (
    <li aria-label={`Personal link: ${label}`}>
      <div class="summary">
        <strong>{label}</strong>
        <span class="badge role">{accessKey.role}</span>
        <span role="status">{state}</span>
      </div>
      {!accessKey.revoked && (
        <>
          {link === null ? (
            <p>
              Its link is shown only in the session that made it. If {label} has lost it, create a
              new one and revoke this one.
            </p>
          ) : (
            <>
              <label>
                Personal link for {label}
                <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              </label>
              <button
                onClick={() => void navigator.clipboard.writeText(link).catch(() => undefined)}
              >
                Copy link for {label}
              </button>
              <button aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
                QR code for {label}
              </button>
            </>
          )}
          <button class="danger" onClick={onRevoke}>
            Revoke {label}
          </button>
          {showQr && link !== null && (
            <QrCode text={link} label={`QR code of the personal link for ${label}`} />
          )}
        </>
      )}
    </li>
  );
}
