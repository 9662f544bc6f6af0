import { ParticipantActions } from './ParticipantActions.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import type { MeetingSession } from './session.ts';
import './ViewerList.css';

/** Viewers send no media, so they get no tile: they are listed here instead. */
export function ViewerList({ session }: { session: MeetingSession }) {
  const others = session.participants.value.filter((p) => p.role === 'viewer' && !p.isSelf);
  if (others.length === 0) return null;
  return (
    <ul aria-label="Viewers" class="viewers">
      {others.map((p) => (
        <li key={p.peerId} aria-label={p.name}>
          {p.name} <RoleBadge role={p.role} />
          <ParticipantActions participant={p} session={session} />
        </li>
      ))}
    </ul>
  );
}
