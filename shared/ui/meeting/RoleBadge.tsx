import type { Role } from '../../core/protocol/schemas.ts';

/** Says who may do more (host, co-host) or sends nothing (viewer); participants need no badge. */
export function RoleBadge({ role }: { role: Role | null }) {
  if (!role || role === 'participant') return null;
  return <span class="badge role">{role}</span>;
}
