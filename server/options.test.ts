import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PORT,
  defaultServerOptions,
  EXTENSION_ORIGINS,
  parseServerOptions,
} from './options.ts';

const noFiles = (file: string) => `contents of ${file}`;

describe('server options', () => {
  it('defaults to loopback, no TLS, no ICE servers, extensions allowed', () => {
    expect(parseServerOptions([], {}, noFiles)).toEqual(defaultServerOptions());
    expect(defaultServerOptions()).toMatchObject({
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      tls: null,
      allowedOrigins: EXTENSION_ORIGINS,
      iceServers: [],
    });
  });

  it('reads flags, and environment variables where no flag is given', () => {
    const options = parseServerOptions(
      [
        '--port',
        '9000',
        '--tls-key',
        'k.pem',
        '--tls-cert',
        'c.pem',
        '--ice-servers',
        '[{"urls":"turn:t.example"}]',
      ],
      {
        HOST: '0.0.0.0',
        PORT: '1',
        ALLOWED_ORIGINS: 'https://a.example, chrome-extension://abc',
        PROXIED: '1',
      },
      noFiles,
    );
    expect(options).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      tls: { key: 'contents of k.pem', cert: 'contents of c.pem' },
      proxied: true,
      allowedOrigins: ['https://a.example', 'chrome-extension://abc'],
      iceServers: [{ urls: 'turn:t.example' }],
    });
  });

  it('refuses half a TLS setup, a bad port and malformed ICE servers', () => {
    expect(() => parseServerOptions(['--tls-key', 'k.pem'], {}, noFiles)).toThrow(/go together/);
    expect(() => parseServerOptions(['--port', '70000'], {}, noFiles)).toThrow(/bad port/);
    expect(() => parseServerOptions(['--ice-servers', '{"urls":"x"}'], {}, noFiles)).toThrow(
      /JSON array/,
    );
    expect(() => parseServerOptions(['--ice-servers', '[{"url":"x"}]'], {}, noFiles)).toThrow(
      /JSON array/,
    );
  });

  it('lists the signaling servers side by side, from the flag or SIGNALING_SERVERS', () => {
    const list = 'https://a.example/peerjs, https://b.example/peerjs,,https://c.example/peerjs';
    const expected = [
      'https://a.example/peerjs',
      'https://b.example/peerjs',
      'https://c.example/peerjs',
    ];
    expect(parseServerOptions(['--signaling-servers', list], {}, noFiles)).toMatchObject({
      signalingServers: expected,
    });
    expect(parseServerOptions([], { SIGNALING_SERVERS: list }, noFiles)).toMatchObject({
      signalingServers: expected,
    });
    expect(parseServerOptions([], {}, noFiles)).toMatchObject({ signalingServers: [] });
    for (const bad of ['a.example/peerjs', 'ftp://a.example/peerjs']) {
      expect(() => parseServerOptions(['--signaling-servers', bad], {}, noFiles)).toThrow(
        /--signaling-servers takes absolute/,
      );
    }
    expect(parseServerOptions(['--help'], {}, noFiles)).toEqual({
      help: expect.stringContaining('--signaling-servers <list>'),
    });
  });

  it('prints help', () => {
    expect(parseServerOptions(['--help'], {}, noFiles)).toEqual({
      help: expect.stringContaining('--allowed-origins'),
    });
  });
});
