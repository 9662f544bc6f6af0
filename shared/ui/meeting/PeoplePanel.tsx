import type { ComponentChildren } from 'preact';
import type { Participant } from '../../core/meeting/participant.ts';
import type { Role } from '../../core/protocol/schemas.ts';
import { HandBadge } from '../hands/HandBadge.tsx';
import { RaisedHands } from '../hands/RaisedHands.tsx';
import { Icon } from './icons.tsx';
import { trustState, type TrustState } from './view-model.ts';

export const TRUST_TEXT: Record<TrustState, string> = {
  connecting: 'Connecting…',
  checked: 'Connection checked against the host’s signed list',
  'verified-by-you': 'Verified by you',
};

const ROLE_TEXT: Record<Role, string> = {
  host: 'Host',
  'co-host': 'Co-host',
  participant: 'Participant',
  viewer: 'Viewer',
};

interface PeoplePanelProps {
  participants: Participant[];
  markedVerified: ReadonlySet<string>;
  onVerify(peerId: string, opener: HTMLElement): void;
  /** The invite link, while people can still join. */
  invite?: ComponentChildren;
  /** Per-person controls other features add (e.g. the host's actions). */
  personActions?(p: Participant): ComponentChildren;
}

export function PeoplePanel(props: PeoplePanelProps) {
  const { participants, markedVerified, onVerify, invite, personActions } = props;
  return (
    <>
      {invite}
      <RaisedHands participants={participants} />
      <ul aria-label="People in the meeting" class="people">
        {participants.map((p) => {
          const trust = trustState(p, markedVerified);
          return (
            <li key={p.peerId}>
              <span class="person-name">
                {p.isSelf ? `${p.name} (you)` : p.name}
                <span class="person-role">{ROLE_TEXT[p.role]}</span>
                <HandBadge participant={p} />
              </span>
              <span class="person-state">
                <span title={p.audioOn ? 'Microphone on' : 'Microphone off'}>
                  <Icon name={p.audioOn ? 'mic' : 'micOff'} size={18} />
                  <span class="sr-only">{p.audioOn ? 'microphone on' : 'muted'}</span>
                </span>
                {!p.isSelf && (
                  <span class={`trust ${trust}`}>
                    <Icon name={trust === 'verified-by-you' ? 'shieldCheck' : 'shield'} size={18} />
                    <span class="trust-text">{TRUST_TEXT[trust]}</span>
                  </span>
                )}
              </span>
              {!p.isSelf && (
                <button
                  class="small"
                  onClick={(e) => onVerify(p.peerId, e.currentTarget)}
                  aria-label={`Verify ${p.name}`}
                >
                  Verify
                </button>
              )}
              {personActions?.(p)}
            </li>
          );
        })}
      </ul>
    </>
  );
}
