import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { parseServerUrl } from './server-url.ts';

describe('signaling server address', () => {
  it('takes https anywhere and plain http only on loopback', () => {
    expect(parseServerUrl('https://meet.example.org/peerjs')).toEqual({
      host: 'meet.example.org',
      port: 443,
      path: '/peerjs',
      secure: true,
    });
    expect(parseServerUrl('http://127.0.0.1:8787/peerjs').secure).toBe(false);
    expect(parseServerUrl('http://localhost:8787/peerjs').port).toBe(8787);
    expect(parseServerUrl('ws://[::1]:9000/peerjs').host).toBe('::1');
  });

  it('refuses plain ws/http to another machine with a message that names the fix', () => {
    for (const url of ['http://meet.example.org/peerjs', 'ws://10.0.0.2/peerjs']) {
      expect(() => parseServerUrl(url)).toThrow(
        expect.objectContaining({ code: ErrorCode.InsecureServer }),
      );
    }
    expect(() => parseServerUrl('http://meet.example.org')).toThrow(/wss:\/\//);
  });

  it('calls what is not a URL an invalid address, never an unreachable server', () => {
    for (const bad of [
      'not a url',
      'meet.example.org:9000',
      'wss://',
      'https://meet example.org',
    ]) {
      expect(() => parseServerUrl(bad), bad).toThrow(
        expect.objectContaining({ code: ErrorCode.InvalidServerAddress }),
      );
    }
    expect(() => parseServerUrl('meet.example.org')).toThrow(/not a valid server address/);
  });
});
