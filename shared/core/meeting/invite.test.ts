import { describe, expect, it } from 'vitest';
import { buildInviteLink, inviteLinkWithKey, parseInvite } from './invite.ts';

const invite = { meetingId: '0123456789abcdef0123456789abcdef', hostKeyDigest: 'A'.repeat(43) };

describe('invite links', () => {
  it('puts meeting and host key only in the fragment, and parses back', () => {
    const link = buildInviteLink('https://meet.example.org/', invite);
    expect(link).toBe(
      `https://meet.example.org/join#m=${invite.meetingId}&h=${invite.hostKeyDigest}`,
    );
    expect(new URL(link).search).toBe('');
    expect(parseInvite(link)).toEqual(invite);
    expect(parseInvite(`  ${link}  `)).toEqual(invite);
  });

  it('carries a personal access key in the fragment only', () => {
    const withKey = { ...invite, accessKey: 'abcdefghijklmnopqrstuv' };
    const link = buildInviteLink('https://meet.example.org', withKey);
    const url = new URL(link);
    expect(url.search).toBe('');
    expect(new URLSearchParams(url.hash.slice(1)).get('k')).toBe(withKey.accessKey);
    expect(parseInvite(link)).toEqual(withKey);
    const bare = buildInviteLink('https://meet.example.org', invite);
    expect(inviteLinkWithKey(bare, withKey.accessKey)).toBe(link);
  });

  it.each([
    `https://meet.example.org/join#m=${invite.meetingId}&h=${'A'.repeat(43)}&k=short`,
    '',
    'https://meet.example.org/join',
    'https://meet.example.org/join#m=short&h=' + 'A'.repeat(43),
    `https://meet.example.org/join#m=${invite.meetingId}`,
    `https://meet.example.org/join#m=${invite.meetingId}&h=${'A'.repeat(42)}`,
    `https://meet.example.org/join#m=${invite.meetingId.toUpperCase()}&h=${'A'.repeat(43)}`,
  ])('rejects %j', (text) => {
    expect(parseInvite(text)).toBeNull();
  });
});
