import { describe, expect, it } from 'vitest';
import { parseServerList } from './server-list.ts';

describe('list of signaling servers, one per line', () => {
  it('takes every line in order and ignores blank lines and surrounding spaces', () => {
    expect(
      parseServerList(
        'https://a.example.org/peerjs\n\n  wss://b.example.org/peerjs  \r\nhttp://127.0.0.1:8787/peerjs\n',
      ),
    ).toEqual({
      ok: true,
      urls: [
        'https://a.example.org/peerjs',
        'wss://b.example.org/peerjs',
        'http://127.0.0.1:8787/peerjs',
      ],
    });
  });

  it('names the line of each address it refuses, and why', () => {
    const result = parseServerList(
      'https://a.example.org/peerjs\nhttp://b.example.org/peerjs\nnot a url',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^Line 2: .*wss:\/\/.*http:\/\/b\.example\.org\/peerjs/);
    expect(result.errors[1]).toBe(
      'Line 3: That is not a valid server address: write it in full, like wss://meet.example.org:443/peerjs. (not a url)',
    );
  });

  it('refuses the same server twice, however it is spelled', () => {
    expect(
      parseServerList(
        'https://a.example.org/peerjs\nhttps://b.example.org\nWSS://A.example.org/peerjs/',
      ),
    ).toEqual({ ok: false, errors: ['Line 3: the same server as line 1.'] });
  });

  it('wants at least one server', () => {
    expect(parseServerList(' \n\n')).toEqual({
      ok: false,
      errors: ['List at least one signaling server.'],
    });
  });
});
