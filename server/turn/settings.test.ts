import { describe, expect, it } from 'vitest';
import { parseServerOptions } from '../options.ts';
import { parseTurnSettings, type TurnInputs } from './settings.ts';

const SECRET = 'a-long-shared-secret-0123';
const files: Record<string, string> = { '/etc/conclave/turn-secret': `${SECRET}\n` };
const readFile = (file: string) => {
  const text = files[file];
  if (text === undefined) throw new Error(`ENOENT ${file}`);
  return text;
};
const none: TurnInputs = {
  urls: undefined,
  secretFile: undefined,
  secret: undefined,
  lifetimeSeconds: undefined,
};
const parse = (inputs: Partial<TurnInputs>) => parseTurnSettings({ ...none, ...inputs }, readFile);

describe('TURN settings', () => {
  it('are off unless configured', () => {
    expect(parse({})).toBeNull();
  });

  it('read the secret from a file (without its newline) or from the environment', () => {
    const urls =
      'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349?transport=tcp';
    expect(parse({ urls, secretFile: '/etc/conclave/turn-secret' })).toEqual({
      urls: [
        'turn:turn.example.org:3478?transport=udp',
        'turns:turn.example.org:5349?transport=tcp',
      ],
      secret: SECRET,
      lifetimeSeconds: 3600,
    });
    expect(parse({ urls: 'turn:127.0.0.1:3478', secret: SECRET, lifetimeSeconds: '600' })).toEqual({
      urls: ['turn:127.0.0.1:3478'],
      secret: SECRET,
      lifetimeSeconds: 600,
    });
  });

  it('refuse half a set-up, bad URLs, short secrets and bad lifetimes', () => {
    expect(() => parse({ urls: 'turn:t.example' })).toThrow(/needs the shared secret/);
    expect(() => parse({ secret: SECRET })).toThrow(/needs --turn-urls/);
    expect(() => parse({ urls: 'stun:t.example', secret: SECRET })).toThrow(/turn:\/turns: URLs/);
    expect(() => parse({ urls: 'https://t.example', secret: SECRET })).toThrow(/turn:\/turns:/);
    expect(() => parse({ urls: 'turn:t.example', secret: 'short' })).toThrow(/at least 16/);
    for (const lifetime of ['0', '59', '86401', '1.5', 'soon']) {
      expect(() =>
        parse({ urls: 'turn:t.example', secret: SECRET, lifetimeSeconds: lifetime }),
      ).toThrow(/whole seconds/);
    }
    expect(() => parse({ urls: 'turn:t.example', secretFile: '/nope' })).toThrow(/ENOENT/);
  });

  it('come from the server’s flags and environment, the secret never from a flag', () => {
    const options = parseServerOptions(
      ['--turn-urls', 'turn:t.example:3478', '--turn-lifetime', '120'],
      { TURN_SECRET_FILE: '/etc/conclave/turn-secret' },
      readFile,
    );
    expect(options).toMatchObject({
      turn: { urls: ['turn:t.example:3478'], secret: SECRET, lifetimeSeconds: 120 },
    });
    expect(() => parseServerOptions(['--turn-secret', SECRET], {}, readFile)).toThrow(
      /Unknown option/,
    );
    expect(
      parseServerOptions([], { TURN_URLS: 'turn:t.example', TURN_SECRET: SECRET }, readFile),
    ).toMatchObject({ turn: { secret: SECRET } });
  });

  it('are described in --help', () => {
    const { help } = parseServerOptions(['--help'], {}, readFile) as { help: string };
    for (const name of ['--turn-urls', '--turn-secret-file', 'TURN_SECRET]', '--turn-lifetime']) {
      expect(help).toContain(name);
    }
  });

  it('leave no static TURN password in --ice-servers', () => {
    const withPassword = '[{"urls":"turn:t.example","username":"u","credential":"c"}]';
    expect(() => parseServerOptions(['--ice-servers', withPassword], {}, readFile)).toThrow(
      /no credentials.*--turn-urls/,
    );
  });
});
