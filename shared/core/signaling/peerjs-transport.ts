// The only file that imports peerjs.
import {
  Peer,
  type CallOption,
  type DataConnection,
  type MediaConnection,
  type PeerError,
} from 'peerjs';
import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';
import type { SendQuality } from '../media/send-quality.ts';
import type { SignalingConfig } from './config.ts';
import { renewIceServersBeforeExpiry } from './ice-renewal.ts';
import { peerIdFromKeyDigest, signalingToken } from './peer-identity.ts';
import { parseServerUrl, serverOrigin } from './server-url.ts';
import { sdpFingerprint } from './sdp-fingerprint.ts';
import { ServerMessageGuard } from './server-message-guard.ts';
import type {
  DataLink,
  DataLinkEvents,
  Fingerprints,
  MediaLink,
  MediaLinkEvents,
  SignalingTransport,
  TransportEvents,
  TransportFactory,
} from './transport.ts';

/**
 * Pauses before each attempt to register again. The first is short: a server that restarts is
 * usually back within a second. Each is shortened by up to half at random, so that everyone a
 * restarted server dropped does not come back in the same instant.
 */
export const RECONNECT_DELAYS_MS: readonly number[] = [
  250, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000,
];
const RECONNECT_JITTER = 0.5;

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
  const origin = serverOrigin(address);
  return async (identity) => {
    // Every registration, reconnects included, proves the key with a fresh token.
    const freshToken = () => signalingToken(identity, origin, Date.now());
    const [certificate, token] = await Promise.all([sessionCertificate, freshToken()]);
    const sha256 = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256');
    if (!sha256?.value) throw new Error('certificate has no sha-256 fingerprint');
    const peer = new Peer(peerIdFromKeyDigest(identity.digest), {
      ...address,
      key: 'peerjs',
      token,
      config: {
        iceServers: config.iceServers,
        iceTransportPolicy: config.relayOnly ? 'relay' : 'all',
        certificates: [certificate],
      },
      debug: 1,
    });
    // PeerJS reads `options.config` for each new connection: later joiners get fresh credentials.
    const stopRenewal = renewIceServersBeforeExpiry(config.iceServers, {
      renew: config.renewIceServers,
      apply: (iceServers) => (peer.options.config = { ...peer.options.config, iceServers }),
      now: () => Date.now(),
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    });
    peer.once('close', stopRenewal);
    return new PeerJsTransport(peer, formatFingerprint('sha-256', sha256.value), freshToken);
  };
}

function formatFingerprint(algorithm: string, value: string): string {
  return `${algorithm.toLowerCase()} ${value.toUpperCase()}`;
}

interface CertificateStats {
  fingerprint: string;
  fingerprintAlgorithm: string;
}

/**
 * The DTLS fingerprints of a connection as it is really running. Chromium names both
 * certificates in getStats; Firefox has no certificate stats, so there the remote certificate
 * comes from the DTLS transport and ours is the session certificate every connection is
 * configured with (Firefox honours `certificates`).
 */
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
  const transport = dtlsTransportOf(pc);
  const [remoteCertificate] =
    transport?.state === 'connected' ? transport.getRemoteCertificates() : [];
  if (!remoteCertificate) throw new Error('DTLS not connected');
  const local = sdpFingerprint(pc.currentLocalDescription?.sdp ?? '');
  if (!local) throw new Error('our description does not name one certificate');
  return { local, remote: await sha256Fingerprint(remoteCertificate) };
}

function dtlsTransportOf(pc: RTCPeerConnection): RTCDtlsTransport | null {
  return (
    pc.sctp?.transport ??
    pc.getSenders().find((s) => s.transport)?.transport ??
    pc.getReceivers().find((r) => r.transport)?.transport ??
    null
  );
}

/** `sha-256 AB:CD:…` of a DER certificate, as SDP and getStats write it. */
async function sha256Fingerprint(der: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0'));
  return formatFingerprint('sha-256', hex.join(':'));
}

/** PeerJS's server-message handler and connection list, which the guard sits in front of. */
interface PeerInternals {
  _handleMessage(message: unknown): void;
  _connections: Map<string, unknown[]>;
}

/** Every message from the server passes the guard before PeerJS keeps any state for it. */
function guardServerMessages(peer: Peer, isTrusted: (peerId: string) => boolean): void {
  const internals = peer as unknown as PeerInternals;
  const handle = internals._handleMessage.bind(peer);
  const guard = new ServerMessageGuard({
    hasConnection: (peerId, connectionId) => !!peer.getConnection(peerId, connectionId),
    connectionCount: (peerId) =>
      peerId === undefined
        ? [...internals._connections.values()].reduce((sum, list) => sum + list.length, 0)
        : (internals._connections.get(peerId)?.length ?? 0),
    isTrusted,
    now: () => Date.now(),
    log: (line) => console.warn(`[conclave] ${line}`),
  });
  internals._handleMessage = (message) => {
    if (guard.admit(message)) handle(message);
  };
}

export class PeerJsTransport implements SignalingTransport {
  readonly events = new Emitter<TransportEvents>();
  readonly peerId: string;
  private opened = false;
  /** Set when the server gave our id to someone else: reconnecting cannot help then. */
  private idLost = false;
  private reconnectAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private trusted = new Set<string>();

  constructor(
    private readonly peer: Peer,
    readonly localFingerprint: string,
    private readonly freshToken: () => Promise<string>,
  ) {
    this.peerId = peer.id;
    guardServerMessages(peer, (peerId) => this.trusted.has(peerId));
    peer.on('connection', (connection) =>
      this.events.emit('data-link', new PeerJsDataLink(connection)),
    );
    peer.on('call', (call) => this.events.emit('media-link', new PeerJsMediaLink(call)));
    peer.on('error', (error) => this.handleError(error));
    peer.on('open', () => {
      this.reconnectAttempts = 0;
      if (this.opened) this.events.emit('server-connection', 'connected');
    });
    peer.on('disconnected', () => {
      if (this.opened && !peer.destroyed) {
        this.events.emit('server-connection', this.idLost ? 'gone' : 'reconnecting');
      }
      this.scheduleReconnect();
    });
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

  trustPeers(peerIds: readonly string[]): void {
    this.trusted = new Set(peerIds);
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
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.peer.destroy();
  }

  /**
   * The server went away: try again (see RECONNECT_DELAYS_MS), each time with a fresh token.
   * Calls already connected carry on meanwhile; only new joins wait.
   */
  private scheduleReconnect(): void {
    if (!this.opened || this.idLost || this.peer.destroyed || this.reconnectTimer) return;
    const last = RECONNECT_DELAYS_MS.length - 1;
    const pause = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempts, last)]!;
    const delay = Math.round(pause * (1 - RECONNECT_JITTER * Math.random()));
    this.reconnectAttempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.freshToken().then(
        (token) => {
          this.reconnectTimer = null;
          if (!this.opened || this.peer.destroyed || !this.peer.disconnected) return;
          this.peer.options.token = token;
          this.peer.reconnect();
        },
        () => {
          this.reconnectTimer = null;
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private handleError(error: PeerError<string>): void {
    if (error.type === 'peer-unavailable') {
      const peerId = /peer (\S+)$/.exec(error.message)?.[1];
      if (peerId) this.events.emit('peer-unavailable', peerId);
      return;
    }
    if (!this.opened) return; // open() reports it
    if (error.type === 'unavailable-id') this.idLost = true;
    // A lost socket is retried quietly; the person hears of what retrying cannot fix.
    if (error.type === 'unavailable-id' || error.type === 'server-error') {
      this.events.emit('error', toConclaveError(error));
    }
  }
}

/** Our server's one refusal a person can act on; other server text is logged, never shown. */
const CLOCK_REFUSAL = /clock is off/;

function toConclaveError(error: PeerError<string>): ConclaveError {
  if (error.type === 'server-error') {
    console.warn(`[conclave] the server refused: ${error.message.slice(0, 200)}`);
    if (CLOCK_REFUSAL.test(error.message)) return new ConclaveError(ErrorCode.ClockWrong);
  }
  return new ConclaveError(errorCodeOf(error.type), { cause: error });
}

function errorCodeOf(type: string): ErrorCode {
  switch (type) {
    case 'unavailable-id':
      return ErrorCode.PeerIdTaken;
    case 'network':
    case 'socket-error':
    case 'socket-closed':
      return ErrorCode.ServerUnreachable;
    case 'browser-incompatible':
      return ErrorCode.BrowserUnsupported;
    default:
      // server-error, invalid-id, invalid-key, ssl-unavailable: the server answered, and said no.
      return ErrorCode.ServerRefused;
  }
}

/** A data link counts as drained below this many bytes waiting to go out. */
const DRAINED_BYTES = 256 * 1024;
/** What one message PeerJS queued is taken to weigh: our largest, a file chunk's frame. */
const DATA_QUEUE_ESTIMATE_BYTES = 64 * 1024;

class PeerJsDataLink implements DataLink {
  readonly events = new Emitter<DataLinkEvents>();
  private failed = false;
  private closed = false;

  constructor(private readonly connection: DataConnection) {
    connection.on('open', () => this.events.emit('open'));
    connection.on('data', (data) => this.events.emit('message', data));
    connection.on('close', () => this.closeOnce());
    connection.on('error', (error) => {
      if (error.type === 'negotiation-failed') this.fail();
      this.close();
    });
    // PeerJS closes a data connection only when ICE says `failed`, which Chromium no longer
    // does: there the connection fails, and its channel stays "open" but carries nothing.
    const pc = connection.peerConnection;
    pc?.addEventListener('connectionstatechange', () => {
      if (pc.connectionState !== 'failed') return;
      this.fail();
      this.close();
    });
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.events.emit('failed');
  }

  get remotePeerId(): string {
    return this.connection.peer;
  }

  get isOpen(): boolean {
    return this.connection.open;
  }

  send(message: string | Uint8Array<ArrayBuffer>): void {
    if (this.connection.open) void this.connection.send(message);
  }

  get bufferedAmount(): number {
    // PeerJS holds messages of its own once the channel's buffer passes 8 MiB.
    const { bufferSize } = this.connection as DataConnection & { bufferSize?: number };
    const queued = (bufferSize ?? 0) * DATA_QUEUE_ESTIMATE_BYTES;
    return (this.connection.dataChannel?.bufferedAmount ?? 0) + queued;
  }

  drained(): Promise<void> {
    const channel = this.connection.dataChannel;
    if (!channel || channel.readyState !== 'open' || this.bufferedAmount <= DRAINED_BYTES) {
      return Promise.resolve();
    }
    channel.bufferedAmountLowThreshold = DRAINED_BYTES;
    return new Promise((resolve) => {
      const done = () => {
        channel.removeEventListener('bufferedamountlow', done);
        channel.removeEventListener('close', done);
        resolve();
      };
      channel.addEventListener('bufferedamountlow', done);
      channel.addEventListener('close', done);
    });
  }

  fingerprints(): Promise<Fingerprints> {
    return readFingerprints(this.connection.peerConnection);
  }

  close(): void {
    this.connection.close();
    // PeerJS says nothing when it closes a connection that never opened.
    this.closeOnce();
  }

  private closeOnce(): void {
    if (this.closed) return;
    this.closed = true;
    this.events.emit('close');
  }
}

class PeerJsMediaLink implements MediaLink {
  readonly events = new Emitter<MediaLinkEvents>();
  private watching = false;
  private failed = false;
  private closed = false;

  constructor(private readonly call: MediaConnection) {
    call.on('stream', (stream) => this.events.emit('stream', stream));
    call.on('close', () => this.closeOnce());
    call.on('error', (error) => {
      // PeerJS reports ICE `failed` this way, then closes the call itself.
      if (error.type === 'negotiation-failed') this.fail();
      this.close();
    });
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
    await this.sender(kind)?.replaceTrack(track);
  }

  async setSendQuality(quality: SendQuality): Promise<void> {
    const sender = this.sender('video');
    if (!sender || typeof sender.setParameters !== 'function') return;
    const parameters = sender.getParameters();
    const [encoding] = parameters.encodings ?? [];
    if (!encoding) throw new Error('no encoding negotiated yet');
    Object.assign(encoding, quality);
    await sender.setParameters(parameters);
  }

  private sender(kind: 'audio' | 'video'): RTCRtpSender | undefined {
    return this.call.peerConnection?.getTransceivers().find((t) => t.receiver.track.kind === kind)
      ?.sender;
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
    // PeerJS says nothing when it closes a call that never connected.
    this.closeOnce();
  }

  private closeOnce(): void {
    if (this.closed) return;
    this.closed = true;
    this.events.emit('close');
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.events.emit('failed');
  }

  /** PeerJS has no "connected" event for calls: watch the peer connection ourselves. */
  private watchConnection(): void {
    const pc = this.call.peerConnection;
    if (!pc || this.watching) return;
    this.watching = true;
    const check = () => {
      if (pc.connectionState === 'connected') this.events.emit('connected');
      if (pc.connectionState === 'disconnected') this.events.emit('interrupted');
      if (pc.connectionState === 'failed') {
        this.fail();
        this.close();
      }
    };
    pc.addEventListener('connectionstatechange', check);
    check();
  }
}
