// The only file that imports peerjs.
import {
  Peer,
  type CallOption,
  type DataConnection,
  type MediaConnection,
  type PeerError,
} from 'peerjs';
import { randomId128 } from '../../crypto/random.ts';
import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';
import type { SignalingConfig } from './config.ts';
import { parseServerUrl } from './server-url.ts';
import type {
  DataLink,
  Fingerprints,
  MediaLink,
  SignalingTransport,
  TransportEvents,
  TransportFactory,
} from './transport.ts';

/** The one DTLS certificate of this session: every connection of the transport uses it. */
export function generateSessionCertificate(): Promise<RTCCertificate> {
  return RTCPeerConnection.generateCertificate({
    name: 'ECDSA',
    namedCurve: 'P-256',
  } as EcKeyGenParams);
}

export function peerJsTransportFactory(
  config: SignalingConfig,
  sessionCertificate: Promise<RTCCertificate>,
): TransportFactory {
  const address = parseServerUrl(config.serverUrl);
  return async (peerId) => {
    const certificate = await sessionCertificate;
    const sha256 = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256');
    if (!sha256?.value) throw new Error('certificate has no sha-256 fingerprint');
    const peer = new Peer(peerId, {
      ...address,
      key: 'peerjs',
      token: randomId128(),
      config: { iceServers: config.iceServers, certificates: [certificate] },
      debug: 1,
    });
    return new PeerJsTransport(peer, formatFingerprint('sha-256', sha256.value));
  };
}

function formatFingerprint(algorithm: string, value: string): string {
  return `${algorithm.toLowerCase()} ${value.toUpperCase()}`;
}

interface CertificateStats {
  fingerprint: string;
  fingerprintAlgorithm: string;
}

/** Reads the DTLS fingerprints of a connection from getStats (transport -> certificates). */
async function readFingerprints(pc: RTCPeerConnection | undefined): Promise<Fingerprints> {
  if (!pc) throw new Error('no peer connection');
  const report = await pc.getStats();
  for (const stat of report.values() as IterableIterator<Record<string, unknown>>) {
    if (stat.type !== 'transport' || stat.dtlsState !== 'connected') continue;
    const local = report.get(String(stat.localCertificateId)) as CertificateStats | undefined;
    const remote = report.get(String(stat.remoteCertificateId)) as CertificateStats | undefined;
    if (local && remote) {
      return {
        local: formatFingerprint(local.fingerprintAlgorithm, local.fingerprint),
        remote: formatFingerprint(remote.fingerprintAlgorithm, remote.fingerprint),
      };
    }
  }
  throw new Error('DTLS not connected');
}

class PeerJsTransport implements SignalingTransport {
  readonly events = new Emitter<TransportEvents>();
  private opened = false;

  constructor(
    private readonly peer: Peer,
    readonly localFingerprint: string,
  ) {
    peer.on('connection', (connection) =>
      this.events.emit('data-link', new PeerJsDataLink(connection)),
    );
    peer.on('call', (call) => this.events.emit('media-link', new PeerJsMediaLink(call)));
    peer.on('error', (error) => this.handleError(error));
    peer.on('disconnected', () => {
      if (this.opened && !peer.destroyed) peer.reconnect();
    });
  }

  get peerId(): string {
    return this.peer.id;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.peer.open) return resolve();
      const onOpen = () => {
        this.opened = true;
        this.peer.off('error', onError);
        resolve();
      };
      const onError = (error: PeerError<string>) => {
        if (error.type === 'peer-unavailable') return;
        this.peer.off('open', onOpen);
        this.peer.off('error', onError);
        reject(toConclaveError(error));
      };
      this.peer.once('open', onOpen);
      this.peer.on('error', onError);
    });
  }

  connect(peerId: string): DataLink {
    return new PeerJsDataLink(this.peer.connect(peerId, { serialization: 'raw', reliable: true }));
  }

  call(peerId: string, stream: MediaStream): MediaLink {
    // `constraints` reaches createOffer: receive both kinds even when we send neither.
    const options = { constraints: { offerToReceiveAudio: true, offerToReceiveVideo: true } };
    return new PeerJsMediaLink(this.peer.call(peerId, stream, options as CallOption));
  }

  destroy(): void {
    this.opened = false;
    this.peer.destroy();
  }

  private handleError(error: PeerError<string>): void {
    if (error.type === 'peer-unavailable') {
      const peerId = /peer (\S+)$/.exec(error.message)?.[1];
      if (peerId) this.events.emit('peer-unavailable', peerId);
      return;
    }
    if (this.opened) this.events.emit('error', toConclaveError(error));
  }
}

function toConclaveError(error: PeerError<string>): ConclaveError {
  const code =
    error.type === 'unavailable-id' ? ErrorCode.PeerIdTaken : ErrorCode.ServerUnreachable;
  return new ConclaveError(code, { cause: error, detail: error.type });
}

class PeerJsDataLink implements DataLink {
  readonly events = new Emitter<{ open: []; message: [unknown]; close: [] }>();

  constructor(private readonly connection: DataConnection) {
    connection.on('open', () => this.events.emit('open'));
    connection.on('data', (data) => this.events.emit('message', data));
    connection.on('close', () => this.events.emit('close'));
    connection.on('error', () => connection.close());
  }

  get remotePeerId(): string {
    return this.connection.peer;
  }

  get isOpen(): boolean {
    return this.connection.open;
  }

  send(text: string): void {
    if (this.connection.open) void this.connection.send(text);
  }

  fingerprints(): Promise<Fingerprints> {
    return readFingerprints(this.connection.peerConnection);
  }

  close(): void {
    this.connection.close();
  }
}

class PeerJsMediaLink implements MediaLink {
  readonly events = new Emitter<{ stream: [MediaStream]; connected: []; close: [] }>();
  private watching = false;

  constructor(private readonly call: MediaConnection) {
    call.on('stream', (stream) => this.events.emit('stream', stream));
    call.on('close', () => this.events.emit('close'));
    call.on('error', () => call.close());
    this.watchConnection();
  }

  get remotePeerId(): string {
    return this.call.peer;
  }

  answer(stream: MediaStream): void {
    this.call.answer(stream);
    this.watchConnection();
  }

  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.call.peerConnection
      ?.getTransceivers()
      .find((t) => t.receiver.track.kind === kind);
    await transceiver?.sender.replaceTrack(track);
  }

  fingerprints(): Promise<Fingerprints> {
    return readFingerprints(this.call.peerConnection);
  }

  getStats(): Promise<RTCStatsReport> {
    const pc = this.call.peerConnection;
    return pc ? pc.getStats() : Promise.reject(new Error('no peer connection'));
  }

  close(): void {
    this.call.close();
  }

  /** PeerJS has no "connected" event for calls: watch the peer connection ourselves. */
  private watchConnection(): void {
    const pc = this.call.peerConnection;
    if (!pc || this.watching) return;
    this.watching = true;
    const check = () => {
      if (pc.connectionState === 'connected') this.events.emit('connected');
      if (pc.connectionState === 'failed') this.call.close();
    };
    pc.addEventListener('connectionstatechange', check);
    check();
  }
}
