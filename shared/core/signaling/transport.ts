import type { SigningKeyPair } from '../../crypto/signing.ts';
import type { Emitter } from '../emitter.ts';
import type { ConclaveError } from '../errors.ts';
import type { SendQuality } from '../media/send-quality.ts';

/** DTLS certificate fingerprints of one connection, as `sha-256 AB:CD:…`. */
export interface Fingerprints {
  local: string;
  remote: string;
}

/** `failed` when the connection cannot come back (its network was gone too long); a close follows. */
export interface DataLinkEvents {
  open: [];
  message: [unknown];
  failed: [];
  close: [];
}

/** What the meeting needs of a data connection. Messages are JSON text, or binary (file data). */
export interface DataLink {
  readonly remotePeerId: string;
  readonly events: Emitter<DataLinkEvents>;
  readonly isOpen: boolean;
  send(message: string | Uint8Array<ArrayBuffer>): void;
  /** Bytes handed to `send` that are not on the wire yet. */
  readonly bufferedAmount: number;
  /** Resolves once most of that backlog has gone out, or the link closed. */
  drained(): Promise<void>;
  /** Only meaningful once open. */
  fingerprints(): Promise<Fingerprints>;
  close(): void;
}

/**
 * `connected` each time the connection is up (again); `interrupted` when its network path went
 * quiet (it may come back by itself); `failed` when it cannot come back (a close follows).
 */
export interface MediaLinkEvents {
  stream: [MediaStream];
  connected: [];
  interrupted: [];
  failed: [];
  close: [];
}

export interface MediaLink {
  readonly remotePeerId: string;
  readonly events: Emitter<MediaLinkEvents>;
  answer(stream: MediaStream): void;
  /** Replaces what is sent for one kind of track (null sends nothing) without renegotiation. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  /** Caps what is sent of our video on this connection; rejects when it cannot (yet). */
  setSendQuality(quality: SendQuality): Promise<void>;
  fingerprints(): Promise<Fingerprints>;
  getStats(): Promise<RTCStatsReport>;
  close(): void;
}

export type ServerConnection = 'connected' | 'reconnecting' | 'gone';

export interface TransportEvents {
  'data-link': [DataLink];
  'media-link': [MediaLink];
  /** A connect or call to this peer id failed because nobody holds that id on the server. */
  'peer-unavailable': [string];
  /** The server connection failed for good. */
  error: [ConclaveError];
  /** The server connection dropped, came back, or is gone for good; calls already up carry on. */
  'server-connection': [ServerConnection];
}

/** A connection to one signaling server under one peer id: the seam between core and PeerJS. */
export interface SignalingTransport {
  readonly peerId: string;
  /** This session's one DTLS certificate, used on every connection. */
  readonly localFingerprint: string;
  readonly events: Emitter<TransportEvents>;
  /** Resolves once the server accepted our id; rejects with a ConclaveError. */
  open(): Promise<void>;
  /** The peers on our roster: the transport lets their offers through without rate limits. */
  trustPeers(peerIds: readonly string[]): void;
  connect(peerId: string): DataLink;
  call(peerId: string, stream: MediaStream): MediaLink;
  destroy(): void;
}

/** A transport registered under the peer id bound to `identity` (see peer-identity.ts). */
export type TransportFactory = (identity: SigningKeyPair) => Promise<SignalingTransport>;
