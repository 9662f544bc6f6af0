import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './client-address.ts';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('the key per-address limits count by', () => {
  it('is the /64 prefix for IPv6, however the address is written', () => {
    const key = '2001:0db8:0001:0002::/64';
    expect(addressKey('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe(key);
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(key);
    expect(addressKey('2001:db8:1:2::1')).toBe(key);
    expect(addressKey('2001:DB8:1:2::FFFF')).toBe(key);
    expect(addressKey('2001:db8:1:2::1%eth0')).toBe(key);
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:0db8:0001:0003::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(addressKey('::1')).toBe('0000:0000:0000:0000::/64');
    expect(addressKey('fe80::1:2:3:4')).toBe('fe80:0000:0000:0000::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('0064:ff9b:0000:0000::/64');
  });

  it('is the IPv4 address itself, IPv4-mapped forms included', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::FFFF:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:c000:207')).toBe('192.0.2.7');
    expect(addressKey('0:0:0:0:0:ffff:c000:0207')).toBe('192.0.2.7');
  });

  it('leaves anything else as it is', () => {
    expect(addressKey('unknown')).toBe('unknown');
    expect(addressKey('not:an:address')).toBe('not:an:address');
  });
});

describe('the client address of a request', () => {
  it('is keyed, directly or from the proxy', () => {
    expect(clientAddress(request('2001:db8:1:2::7'), false)).toBe('2001:0db8:0001:0002::/64');
    expect(clientAddress(request('::1', '2001:db8:1:2::8'), true)).toBe('2001:0db8:0001:0002::/64');
    expect(clientAddress(request('::ffff:127.0.0.1', '::ffff:192.0.2.7'), true)).toBe('192.0.2.7');
  });
});
