import { parseInvite, type Invite } from './invite.ts';

// The fragment of an invite link, wherever it stands: a page address, a shared text, a
// `web+conclave:` address, a selection. What it finds is checked again by parseInvite.
// A personal link's access key (`&k=…`) comes along.
const INVITE_FRAGMENT =
  /#m=([0-9a-f]{32})&h=([A-Za-z0-9_-]{43})(?:&k=([A-Za-z0-9_-]{22}))?(?![A-Za-z0-9_-]|&k=)/;

/** The first invite link in free text, or null. */
export function findInvite(text: string): Invite | null {
  const match = INVITE_FRAGMENT.exec(text);
  if (!match) return null;
  return parseInvite(`#m=${match[1]}&h=${match[2]}${match[3] ? `&k=${match[3]}` : ''}`);
}

/** The first of several texts (in order of preference) that holds an invite link. */
export function findInviteIn(texts: readonly (string | null | undefined)[]): Invite | null {
  for (const text of texts) {
    const invite = text ? findInvite(text) : null;
    if (invite) return invite;
  }
  return null;
}
