import WebSocket from 'ws';
import { until } from './poll.ts';

export interface ServerMessage {
  type: string;
  src?: string;
  dst?: string;
  payload?: { msg?: string; connectionId?: string } & Record<string, unknown>;
}

export interface ConnectOptions {
  id: string;
  token: string;
  origin?: string;
  localAddress?: string;
  headers?: Record<string, string>;
  /** The path and query to open instead of the ones a PeerJS client builds from id and token. */
  path?: string;
}

/** A raw `ws` signaling client that records what the server sends and how the socket ends. */
export class SignalingClient {
  readonly received: ServerMessage[] = [];
  /** The close code once closed; the HTTP status if the upgrade was refused. */
  closeCode: number | null = null;
  refusedStatus: number | null = null;
  readonly ws: WebSocket;

  constructor(serverUrl: string, options: ConnectOptions) {
    const base = serverUrl.replace(/^http/, 'ws');
    const query = new URLSearchParams({ key: 'peerjs', id: options.id, token: options.token });
    const path = options.path ?? `/peerjs/peerjs?${query}&version=1.5.5`;
    this.ws = new WebSocket(`${base}${path}`, {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    this.ws.on('message', (data) => this.received.push(JSON.parse(String(data)) as ServerMessage));
    this.ws.on('close', (code) => (this.closeCode = code));
    this.ws.on('unexpected-response', (_req, res) => {
      this.refusedStatus = res.statusCode ?? 0;
      this.closeCode = -1;
    });
    this.ws.on('error', () => undefined);
  }

  get closed(): boolean {
    return this.closeCode !== null;
  }

  /** Resolves once the server answered the registration (OPEN, ERROR, ID-TAKEN) or refused. */
  async settled(): Promise<string> {
    await until(() => this.received.length > 0 || this.closed, 'registration answer');
    return this.received[0]?.type ?? `refused ${this.refusedStatus ?? this.closeCode}`;
  }

  send(message: object | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  ofType(type: string): ServerMessage[] {
    return this.received.filter((m) => m.type === type);
  }

  async waitFor(predicate: (m: ServerMessage) => boolean, what: string): Promise<ServerMessage> {
    await until(() => this.received.some(predicate), what);
    return this.received.find(predicate)!;
  }

  close(): void {
    this.ws.terminate();
  }
}
