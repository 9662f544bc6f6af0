import { findInviteIn } from '../shared/core/meeting/invite-in-text.ts';
import type { Invite } from '../shared/core/meeting/invite.ts';

/**
 * The invite this page was opened for: an invite link (`/join#m=…&h=…`), a link shared to the
 * installed app (`/join?url=…` or `?text=…`, the manifest's share_target), or a
 * `web+conclave:` address (`/join?link=…`, its protocol handler).
 */
export function invitedTo(where: Pick<Location, 'pathname' | 'hash' | 'search'>): Invite | null {
  if (where.pathname !== '/join') return null;
  const params = new URLSearchParams(where.search);
  return findInviteIn([where.hash, params.get('url'), params.get('text'), params.get('link')]);
}
