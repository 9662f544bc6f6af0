import type { Participant } from '../../core/meeting/participant.ts';
import { raisedHands } from './gesture-changes.ts';
import './hands.css';

/** The People panel's list of raised hands, in the order they went up. */
export function RaisedHands({ participants }: { participants: Participant[] }) {
  const hands = raisedHands(participants);
  if (hands.length === 0) return null;
  return (
    <section class="raised-hands" aria-labelledby="raised-hands-title">
      <h3 id="raised-hands-title">Raised hands</h3>
      <ol aria-label="Raised hands">
        {hands.map((p) => (
          <li key={p.peerId}>{p.isSelf ? `${p.name} (you)` : p.name}</li>
        ))}
      </ol>
    </section>
  );
}
