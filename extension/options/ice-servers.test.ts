import { describe, expect, it } from 'vitest';
import { emptyRow, readIceRows, toIceRows } from './ice-servers.ts';

const row = (url: string, username = '', credential = '') => ({ url, username, credential });

describe('ICE server rows', () => {
  it('reads STUN and TURN rows, skipping blank ones', () => {
    expect(
      readIceRows([
        row('stun:stun.example.org:3478'),
        emptyRow(),
        row(' turns:turn.example.org:5349?transport=tcp ', 'ana', 's3cret'),
        row('turn:[::1]:3478', 'u', 'c'),
      ]),
    ).toEqual({
      ok: true,
      servers: [
        { urls: 'stun:stun.example.org:3478' },
        {
          urls: 'turns:turn.example.org:5349?transport=tcp',
          username: 'ana',
          credential: 's3cret',
        },
        { urls: 'turn:[::1]:3478', username: 'u', credential: 'c' },
      ],
    });
  });

  it('names each row it refuses and why', () => {
    const result = readIceRows([
      row('https://turn.example.org'),
      row('turn:turn.example.org'),
      row('stun:stun.example.org', 'someone'),
      row('turn:turn example.org', 'u', 'c'),
      row('', 'u'),
      row('stun:stun.example.org:70000'),
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          row: 1,
          message: expect.stringContaining('must start with stun:, stuns:, turn: or turns:'),
        },
        { row: 2, message: 'A TURN server needs a username and a credential.' },
        { row: 3, message: 'A STUN server takes no username or credential.' },
        { row: 4, message: expect.stringContaining('is not a valid address') },
        { row: 5, message: expect.stringContaining('Enter the server address') },
        { row: 6, message: 'Port 70000 is out of range.' },
      ],
    });
  });

  it('turns saved servers back into rows', () => {
    expect(
      toIceRows([
        {
          urls: ['turn:a.example.org', 'turns:a.example.org:5349'],
          username: 'u',
          credential: 'c',
        },
        { urls: 'stun:b.example.org' },
      ]),
    ).toEqual([
      row('turn:a.example.org', 'u', 'c'),
      row('turns:a.example.org:5349', 'u', 'c'),
      row('stun:b.example.org'),
    ]);
  });
});
