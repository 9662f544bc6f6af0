import { parseInvite, type Invite } from '../shared/core/meeting/invite.ts';
import { hostedMeetingFromHash, hostedMeetingHash } from '../shared/ui/meetings/hosted-hash.ts';

/** What the popup asks the meeting page to do, carried in its URL fragment. */
export type MeetingIntent =
  { kind: 'new' } | { kind: 'host'; meetingId: string } | { kind: 'join'; invite: Invite };

export function intentToHash(intent: MeetingIntent): string {
  if (intent.kind === 'new') return '#new';
  if (intent.kind === 'host') return hostedMeetingHash(intent.meetingId);
  const { meetingId: m, hostKeyDigest: h, accessKey: k } = intent.invite;
  return `#join&${new URLSearchParams({ m, h, ...(k && { k }) })}`;
}

export function intentFromHash(hash: string): MeetingIntent | null {
  if (hash === '#new') return { kind: 'new' };
  const meetingId = hostedMeetingFromHash(hash);
  if (meetingId) return { kind: 'host', meetingId };
  if (!hash.startsWith('#join&')) return null;
  const invite = parseInvite(hash.slice('#join&'.length));
  return invite ? { kind: 'join', invite } : null;
}
