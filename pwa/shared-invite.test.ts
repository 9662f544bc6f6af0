import { describe, expect, it } from 'vitest';
import { invitedTo } from './shared-invite.ts';

const fragment = `m=${'a'.repeat(32)}&h=${'B'.repeat(43)}`;
const link = `https://meet.example.org/join#${fragment}`;
const invite = { meetingId: 'a'.repeat(32), hostKeyDigest: 'B'.repeat(43) };
const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });

describe('the invite a PWA page was opened for', () => {
  it('reads an invite link, a shared link or text, and a web+conclave: address', () => {
    expect(invitedTo(at('/join', '', `#${fragment}`))).toEqual(invite);
    expect(invitedTo(at('/join', `?${new URLSearchParams({ url: link })}`))).toEqual(invite);
    const text = `Join me: ${link}`;
    expect(invitedTo(at('/join', `?${new URLSearchParams({ title: 'x', text })}`))).toEqual(invite);
    const address = `web+conclave://join#${fragment}`;
    expect(invitedTo(at('/join', `?${new URLSearchParams({ link: address })}`))).toEqual(invite);
  });

  it('finds none elsewhere or in anything else', () => {
    expect(invitedTo(at('/', '', `#${fragment}`))).toBeNull();
    expect(invitedTo(at('/join', '?text=hello'))).toBeNull();
    expect(invitedTo(at('/join', `?m=${'a'.repeat(32)}&h=${'B'.repeat(43)}`))).toBeNull();
  });
});
