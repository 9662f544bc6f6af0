import type { Participant } from '../../core/meeting/participant.ts';
import { Icon } from '../meeting/icons.tsx';
import './hands.css';

/** The raised-hand mark beside a person's name (nothing while their hand is down). */
export function HandBadge({ participant }: { participant: Participant }) {
  if (participant.handRaisedAt === null) return null;
  return (
    <span class="badge hand-raised" title="Hand raised">
      <Icon name="hand" size={16} />
      <span class="sr-only">hand raised</span>
    </span>
  );
}
