import { describe, expect, it } from 'vitest';
import { buildInviteLink } from './invite.ts';
import { findInvite, findInviteIn } from './invite-in-text.ts';

const invite = {
  meetingId: '0123456789abcdef0123456789abcdef',
  hostKeyDigest: 'A-_'.repeat(14) + 'b',
};
const link = buildInviteLink('https://meet.example.org', invite);

describe('finding an invite link in text', () => {
  it.each([
    link,
    `Join my meeting: ${link} (starts at ten)`,
    `${link}\nsee you`,
    `web+conclave://join#m=${invite.meetingId}&h=${invite.hostKeyDigest}`,
  ])('finds it in %j', (text) => {
    expect(findInvite(text)).toEqual(invite);
  });

  it.each([
    '',
    'https://meet.example.org/join',
    `https://meet.example.org/join?m=${invite.meetingId}&h=${invite.hostKeyDigest}`,
    `${link}X`,
    link.replace(invite.meetingId, invite.meetingId.toUpperCase()),
    link.slice(0, -1),
  ])('finds nothing in %j', (text) => {
    expect(findInvite(text)).toBeNull();
  });

  it('keeps a personal link’s access key, and refuses a broken one', () => {
    const keyed = { ...invite, accessKey: 'k'.repeat(22) };
    const keyedLink = buildInviteLink('https://meet.example.org', keyed);
    expect(findInvite(`Your link: ${keyedLink} (just for you)`)).toEqual(keyed);
    expect(findInvite(`${keyedLink}X`)).toBeNull();
  });

  it('takes the first text that holds one', () => {
    expect(findInviteIn([null, 'no link here', undefined, `see ${link}`])).toEqual(invite);
    expect(findInviteIn(['nothing', ''])).toBeNull();
  });
});
