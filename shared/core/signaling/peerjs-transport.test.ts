import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type ConclaveError } from '../errors.ts';
import { PeerJsTransport } from './peerjs-transport.ts';

/** Just enough of a PeerJS Peer to drive the transport's reconnects. */
class FakePeer extends EventEmitter {
  readonly id = 'cv0123456789abcdef0123456789abcdef';
  open = false;
  destroyed = false;
  disconnected = false;
  readonly options = { token: 'first' };
  readonly reconnects: string[] = [];
  readonly _connections = new Map<string, unknown[]>();
  _handleMessage(): void {}
  getConnection(): null {
    return null;
  }
  reconnect(): void {
    this.disconnected = false;
    this.reconnects.push(this.options.token);
  }
  destroy(): void {
    this.destroyed = true;
  }
  serverOpens(): void {
    this.open = true;
    this.emit('open', this.id);
  }
  serverGoes(): void {
    this.open = false;
    this.disconnected = true;
    this.emit('disconnected', this.id);
  }
}

describe('PeerJsTransport reconnects', () => {
  let peer: FakePeer;
  let transport: PeerJsTransport;
  let tokens = 0;

  beforeEach(async () => {
    vi.useFakeTimers();
    peer = new FakePeer();
    transport = new PeerJsTransport(
      peer as unknown as ConstructorParameters<typeof PeerJsTransport>[0],
      'sha-256 AA',
      () => Promise.resolve(`token-${++tokens}`),
    );
    const opened = transport.open();
    peer.serverOpens();
    await opened;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('tries again after 250 ms, then backs off 1 s, 2 s … up to 30 s, each time with a fresh token', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      peer.serverGoes();
      const before = Date.now();
      while (peer.reconnects.length === attempt) await vi.advanceTimersByTimeAsync(50);
      waits.push(Date.now() - before);
    }
    expect(waits).toEqual([250, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(new Set(peer.reconnects).size).toBe(8);
    // Back on the server: the next loss starts again from the short pause.
    peer.serverOpens();
    peer.serverGoes();
    await vi.advanceTimersByTimeAsync(250);
    expect(peer.reconnects).toHaveLength(9);
  });

  it('spreads the attempts of everyone a restarted server dropped', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    peer.serverGoes();
    await vi.advanceTimersByTimeAsync(120);
    expect(peer.reconnects).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(peer.reconnects).toHaveLength(1);
  });

  it('stops and says so when the server gives the id to someone else', async () => {
    const errors: ConclaveError[] = [];
    transport.events.on('error', (e) => errors.push(e));
    peer.emit('error', Object.assign(new Error('ID taken'), { type: 'unavailable-id' }));
    peer.serverGoes();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(peer.reconnects).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual([ErrorCode.PeerIdTaken]);
  });

  it('retries a lost socket quietly', async () => {
    const errors: ConclaveError[] = [];
    transport.events.on('error', (e) => errors.push(e));
    peer.emit('error', Object.assign(new Error('Lost connection'), { type: 'network' }));
    peer.serverGoes();
    await vi.advanceTimersByTimeAsync(250);
    expect(peer.reconnects).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
