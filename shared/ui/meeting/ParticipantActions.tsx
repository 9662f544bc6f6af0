import { useState } from 'preact/hooks';
import type { Participant } from '../../core/meeting/participant.ts';
import type { Role } from '../../core/protocol/schemas.ts';
import { Icon } from './icons.tsx';
import './ParticipantActions.css';
import type { MeetingSession } from './session.ts';

const ROLE_CHOICES: readonly { role: Exclude<Role, 'host'>; label: string }[] = [
  { role: 'co-host', label: 'co-host' },
  { role: 'participant', label: 'a participant' },
  { role: 'viewer', label: 'a viewer' },
];

interface ParticipantActionsProps {
  participant: Participant;
  session: Pick<MeetingSession, 'selfRole' | 'commands'>;
  /** On a tile: an icon among the tile's buttons, the menu dropping below it. */
  compact?: boolean;
}

/**
 * What the host (or a co-host) can do about one person: ask them to mute; for the host also
 * give them another role or remove them (after a confirmation). Nothing for anyone else.
 */
export function ParticipantActions({ participant, session, compact }: ParticipantActionsProps) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const selfRole = session.selfRole.value;
  const { peerId, name, role } = participant;
  const isHost = selfRole === 'host';
  if (participant.isSelf || role === 'host' || !(isHost || selfRole === 'co-host')) return null;

  const close = () => {
    setOpen(false);
    setConfirming(false);
  };
  const act = (action: () => void) => () => {
    action();
    close();
  };
  const { commands } = session;
  return (
    <div class="participant-actions" onKeyDown={(event) => event.key === 'Escape' && close()}>
      {compact ? (
        <button
          class="icon-button"
          aria-label={`Actions for ${name}`}
          aria-expanded={open}
          title="Host actions"
          onClick={() => setOpen(!open)}
        >
          <Icon name="more" size={20} />
        </button>
      ) : (
        <button aria-expanded={open} onClick={() => setOpen(!open)}>
          Actions for {name}
        </button>
      )}
      {open && !confirming && (
        <div class="menu" role="group" aria-label={`Actions for ${name}`}>
          {role !== 'viewer' && (
            <button onClick={act(() => commands.askToMute(peerId))}>Ask {name} to mute</button>
          )}
          {participant.handRaisedAt !== null && (
            <button onClick={act(() => commands.lowerHand(peerId))}>Lower {name}’s hand</button>
          )}
          {isHost &&
            ROLE_CHOICES.filter((choice) => choice.role !== role).map((choice) => (
              <button key={choice.role} onClick={act(() => commands.setRole(peerId, choice.role))}>
                Make {name} {choice.label}
              </button>
            ))}
          {isHost && (
            <button class="danger" onClick={() => setConfirming(true)}>
              Remove {name}
            </button>
          )}
        </div>
      )}
      {open && confirming && (
        <div class="menu confirm" role="alertdialog" aria-label={`Remove ${name}?`}>
          <p>
            Remove {name} from the meeting? Everyone’s connections to them close at once, and a
            personal link only they use stops working.
          </p>
          <button class="danger" onClick={act(() => commands.remove(peerId))}>
            Remove
          </button>
          <button onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      )}
    </div>
  );
}
