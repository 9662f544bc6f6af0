import type { CommandAction, CommandKind, Role, RosterBody } from '../../protocol/schemas.ts';
import { findMember } from '../roster.ts';

/**
 * Who may do what. Only the host changes the meeting; a co-host may also ask people to mute,
 * lower someone's hand and (in the lobby) admit or deny. Participants and viewers command nothing.
 */
const ALLOWED: Record<CommandKind, readonly Role[]> = {
  'ask-mute': ['host', 'co-host'],
  'lower-hand': ['host', 'co-host'],
  admit: ['host', 'co-host'],
  deny: ['host', 'co-host'],
  remove: ['host'],
  'set-role': ['host'],
  lock: ['host'],
  unlock: ['host'],
  end: ['host'],
};

export function mayIssue(role: Role | undefined, kind: CommandKind): boolean {
  return !!role && ALLOWED[kind].includes(role);
}

/**
 * Whether an action's target makes sense on this roster: someone on it, never the host for a
 * removal or a role change, and nobody is ever made host (there is one host key).
 */
export function validTarget(roster: RosterBody, action: CommandAction): boolean {
  if (!('target' in action)) return true;
  const target = findMember(roster, action.target);
  if (!target) return false;
  if (action.kind === 'ask-mute' || action.kind === 'lower-hand') return true;
  if (target.role === 'host') return false;
  return action.kind !== 'set-role' || action.role !== 'host';
}
