import { describe, expect, it } from 'vitest';
import { ConnectionRecords } from './connection-records.ts';

const limits = { maxConnectionsPerSocket: 256, maxConnections: 100, connectionIdleMs: 1000 };

describe('connection records', () => {
  it('match either direction between the same two ids only', () => {
    const records = new ConnectionRecords({ ...limits, maxConnectionsPerSocket: 4 });
    expect(records.open({ openConnections: 0 }, 'a', 'b', 'dc_1', 0)).toBe(true);
    expect(records.use('b', 'a', 'dc_1', 0)).toBe(true);
    expect(records.use('a', 'b', 'dc_1', 0)).toBe(true);
    expect(records.use('a', 'c', 'dc_1', 0)).toBe(false);
    expect(records.use('a', 'b', 'dc_2', 0)).toBe(false);
  });

  it('bound the connections one socket opens, and free them when they expire', () => {
    const records = new ConnectionRecords({ ...limits, maxConnectionsPerSocket: 2 });
    const opener = { openConnections: 0 };
    expect(records.open(opener, 'a', 'b', 'dc_1', 0)).toBe(true);
    expect(records.open(opener, 'a', 'c', 'dc_2', 500)).toBe(true);
    expect(records.open(opener, 'a', 'b', 'dc_1', 500)).toBe(true); // a renewed OFFER
    expect(records.open(opener, 'a', 'd', 'dc_3', 500)).toBe(false);
    records.expire(1000);
    expect(records.use('a', 'b', 'dc_1', 1000)).toBe(true); // used at 500: not idle long enough
    records.expire(1500);
    expect(records.size).toBe(1);
    expect(opener.openConnections).toBe(1);
    expect(records.open(opener, 'a', 'd', 'dc_3', 1500)).toBe(true);
  });

  it('bound the connections open across the server, renewals aside', () => {
    const records = new ConnectionRecords({ ...limits, maxConnections: 2 });
    const [a, b, c] = [{ openConnections: 0 }, { openConnections: 0 }, { openConnections: 0 }];
    expect(records.open(a, 'a', 'x', 'dc_1', 0)).toBe(true);
    expect(records.open(b, 'b', 'x', 'dc_2', 0)).toBe(true);
    expect(records.open(c, 'c', 'x', 'dc_3', 0)).toBe(false);
    expect(c.openConnections).toBe(0);
    expect(records.open(a, 'a', 'x', 'dc_1', 500)).toBe(true); // a renewed OFFER
    records.expire(1000);
    expect(records.open(c, 'c', 'x', 'dc_3', 1000)).toBe(true);
  });
});
