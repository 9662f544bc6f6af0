import * as v from 'valibot';
import { MeetingIdSchema } from '../protocol/schemas.ts';

export interface Invite {
  meetingId: string;
  /** base64url SHA-256 of the host's public key (SPKI). */
  hostKeyDigest: string;
  /** A personal access key (`k`): admits its holder at once, in the role the host chose. */
  accessKey?: string;
}

const DigestSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));
/** 128 random bits, base64url. */
export const AccessKeySchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/));

/** `<origin>/join#m=…&h=…[&k=…]`: the fragment never reaches a server. */
export function buildInviteLink(origin: string, invite: Invite): string {
  const fragment = new URLSearchParams({ m: invite.meetingId, h: invite.hostKeyDigest });
  if (invite.accessKey) fragment.set('k', invite.accessKey);
  return `${origin.replace(/\/+$/, '')}/join#${fragment.toString()}`;
}

/** Accepts a full link or just its fragment; null for anything that is not a valid invite. */
export function parseInvite(text: string): Invite | null {
  const hashIndex = text.indexOf('#');
  const fragment = (hashIndex >= 0 ? text.slice(hashIndex + 1) : text).trim();
  const params = new URLSearchParams(fragment);
  const meetingId = params.get('m');
  const hostKeyDigest = params.get('h');
  if (!v.is(MeetingIdSchema, meetingId) || !v.is(DigestSchema, hostKeyDigest)) return null;
  const accessKey = params.get('k');
  if (accessKey === null) return { meetingId, hostKeyDigest };
  return v.is(AccessKeySchema, accessKey) ? { meetingId, hostKeyDigest, accessKey } : null;
}

/** The same invite link carrying a personal access key (`k`, in the fragment). */
export function inviteLinkWithKey(link: string, accessKey: string): string {
  const hashIndex = link.indexOf('#');
  const params = new URLSearchParams(hashIndex >= 0 ? link.slice(hashIndex + 1) : '');
  params.set('k', accessKey);
  return `${hashIndex >= 0 ? link.slice(0, hashIndex) : link}#${params.toString()}`;
}
