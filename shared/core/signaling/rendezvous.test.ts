import { describe, expect, it } from 'vitest';
import { toHex } from '../../crypto/encoding.ts';
import { randomId128 } from '../../crypto/random.ts';
import { ErrorCode } from '../errors.ts';
import { normalizeServerUrl, pickSignalingServer } from './rendezvous.ts';

const A = 'https://a.example.org/peerjs';
const B = 'https://b.example.org/peerjs';
const C = 'https://c.example.org/peerjs';
const THREE = [A, B, C];

function meetingIds(count: number): string[] {
  return Array.from({ length: count }, () => randomId128());
}

async function assignments(servers: string[], ids: string[]): Promise<string[]> {
  return Promise.all(ids.map((id) => pickSignalingServer(servers, id)));
}

describe('rendezvous choice of signaling server', () => {
  it('is deterministic: the same list and meeting always give the same server', async () => {
    for (const id of meetingIds(50)) {
      const first = await pickSignalingServer(THREE, id);
      expect(await pickSignalingServer(THREE, id)).toBe(first);
      expect(THREE).toContain(first);
    }
  });

  it('scores SHA-256("conclave-rendezvous/v1|<url>|<meeting id>") and takes the highest', async () => {
    const id = '00112233445566778899aabbccddeeff';
    const digest = async (url: string) =>
      toHex(
        new Uint8Array(
          await crypto.subtle.digest(
            'SHA-256',
            new TextEncoder().encode(`conclave-rendezvous/v1|${url}|${id}`),
          ),
        ),
      );
    const scores = await Promise.all(THREE.map(async (url) => ({ url, hex: await digest(url) })));
    const highest = scores.reduce((best, next) => (next.hex > best.hex ? next : best));
    expect(await pickSignalingServer(THREE, id)).toBe(highest.url);
  });

  it('does not depend on the order of the list, trailing slashes or spelling', async () => {
    const respelled = [
      'https://C.example.org:443/peerjs/',
      'wss://a.example.org/peerjs',
      ' https://b.example.org/peerjs?x=1 ',
    ];
    for (const id of meetingIds(200)) {
      const chosen = await pickSignalingServer(THREE, id);
      expect(await pickSignalingServer([C, A, B], id)).toBe(chosen);
      expect(await pickSignalingServer([B, C, A, A], id)).toBe(chosen);
      expect(await pickSignalingServer(respelled, id)).toBe(chosen);
    }
  });

  it('returns the only server of a list of one', async () => {
    expect(await pickSignalingServer([A], randomId128())).toBe(A);
    expect(await pickSignalingServer(['http://127.0.0.1:8787/peerjs/'], 'x')).toBe(
      'http://127.0.0.1:8787/peerjs',
    );
  });

  it('spreads 3,000 meetings roughly evenly over three servers', async () => {
    const chosen = await assignments(THREE, meetingIds(3000));
    for (const server of THREE) {
      const share = chosen.filter((s) => s === server).length / chosen.length;
      expect(share, server).toBeGreaterThanOrEqual(0.25);
      expect(share, server).toBeLessThanOrEqual(0.42);
    }
  });

  it('moves only the meetings of a removed server, and spreads those over the rest', async () => {
    const ids = meetingIds(3000);
    const before = await assignments(THREE, ids);
    const after = await assignments([A, C], ids);
    let moved = 0;
    ids.forEach((_id, i) => {
      if (before[i] === B) {
        expect([A, C]).toContain(after[i]);
        moved++;
      } else {
        expect(after[i], `meeting ${i} stays on ${before[i]}`).toBe(before[i]);
      }
    });
    expect(moved).toBe(before.filter((s) => s === B).length);
    const toA = ids.filter((_id, i) => before[i] === B && after[i] === A).length;
    expect(toA / moved).toBeGreaterThan(0.35);
    expect(toA / moved).toBeLessThan(0.65);
  });

  it('refuses an empty list and addresses that are not http(s) or ws(s) URLs', async () => {
    await expect(pickSignalingServer([], 'x')).rejects.toMatchObject({
      code: ErrorCode.ServerUnreachable,
    });
    for (const bad of ['not a url', 'ftp://a.example.org/peerjs', 'mailto:a@example.org']) {
      expect(() => normalizeServerUrl(bad), bad).toThrow(
        expect.objectContaining({ code: ErrorCode.InvalidServerAddress }),
      );
    }
  });

  it('normalizes to one spelling per server', () => {
    expect(normalizeServerUrl('WSS://Meet.Example.org:443/peerjs//')).toBe(
      'https://meet.example.org/peerjs',
    );
    expect(normalizeServerUrl('ws://127.0.0.1:8787/peerjs')).toBe('http://127.0.0.1:8787/peerjs');
    expect(normalizeServerUrl('https://meet.example.org')).toBe('https://meet.example.org');
  });
});
