import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import { parseInvite, type Invite } from '../../core/meeting/invite.ts';

/** A pasted invite link, or what to tell the person when it is none. */
export function readInvite(text: string): { invite: Invite } | { problem: string } {
  const invite = parseInvite(text);
  return invite ? { invite } : { problem: new ConclaveError(ErrorCode.InvalidInvite).message };
}
