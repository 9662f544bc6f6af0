import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';
import type { LocalMediaSource } from '../media/local-media.ts';
import type { RosterBody, WireMessage } from '../protocol/schemas.ts';
import type { DataLink, MediaLink, SignalingTransport } from '../signaling/transport.ts';
import { readMessage, waitForOpen, type Log } from './link-messages.ts';
import type { Participant } from './participant.ts';
import { findMember } from './roster.ts';

/** How long a link from someone not (yet) on our roster may wait for a roster that has them. */
export const PARKED_LINK_TIMEOUT_MS = 20_000;
const OPEN_TIMEOUT_MS = 30_000;

interface PeerState {
  data: DataLink | null;
  dataVerified: boolean;
  media: MediaLink | null;
  mediaVerified: boolean;
  /** Held back until the media connection's fingerprint is verified. */
  incomingStream: MediaStream | null;
  audioOn: boolean;
  videoOn: boolean;
}

export interface MeshEvents {
  changed: [];
  message: [string, WireMessage];
  /** A verified data link is ready: time to tell that peer our state. */
  'data-ready': [string];
  'data-closed': [string];
  'security-alert': [ConclaveError];
}

export interface MeshDeps {
  transport: SignalingTransport;
  selfFingerprint: string;
  media: LocalMediaSource;
  log: Log;
}

/**
 * Connections to every roster member. A link is used only once its remote DTLS fingerprint
 * equals that member's entry in the host-signed roster; anything else is closed at once.
 */
export class PeerMesh {
  readonly events = new Emitter<MeshEvents>();
  private roster: RosterBody | null = null;
  private readonly peers = new Map<string, PeerState>();
  private readonly parked = new Set<{ link: DataLink | MediaLink; kind: 'data' | 'media' }>();
  private readonly stopListening: () => void;

  constructor(private readonly deps: MeshDeps) {
    this.stopListening = deps.media.events.on('track', (kind, track) => {
      for (const peer of this.peers.values()) {
        peer.media
          ?.replaceTrack(kind, track)
          .catch((e: unknown) => deps.log(`replaceTrack: ${String(e)}`));
      }
    });
  }

  get rosterBody(): RosterBody | null {
    return this.roster;
  }

  setRoster(body: RosterBody): void {
    this.roster = body;
    for (const peerId of [...this.peers.keys()]) {
      if (!findMember(body, peerId)) this.dropPeer(peerId);
    }
    for (const entry of [...this.parked]) {
      if (!findMember(body, entry.link.remotePeerId)) continue;
      this.parked.delete(entry);
      if (entry.kind === 'data') this.attachData(entry.link as DataLink, false);
      else this.acceptMedia(entry.link as MediaLink);
    }
    this.events.emit('changed');
  }

  /** A data link already authenticated by the admission handshake. */
  adoptVerifiedDataLink(link: DataLink): void {
    this.attachData(link, true);
  }

  connect(peerId: string, what: { data: boolean; media: boolean }): void {
    if (what.data) this.attachData(this.deps.transport.connect(peerId), false);
    if (what.media) this.attachMedia(this.deps.transport.call(peerId, this.deps.media.stream));
  }

  handleIncomingData(link: DataLink): void {
    if (this.isMember(link.remotePeerId)) this.attachData(link, false);
    else this.park(link, 'data');
  }

  handleIncomingMedia(link: MediaLink): void {
    if (this.isMember(link.remotePeerId)) this.acceptMedia(link);
    else this.park(link, 'media');
  }

  setMediaState(peerId: string, audioOn: boolean, videoOn: boolean): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    peer.audioOn = audioOn;
    peer.videoOn = videoOn;
    this.events.emit('changed');
  }

  send(peerId: string, text: string): void {
    const peer = this.peers.get(peerId);
    if (peer?.data && peer.dataVerified) peer.data.send(text);
  }

  broadcast(text: string, except?: string): void {
    for (const peerId of this.peers.keys()) if (peerId !== except) this.send(peerId, text);
  }

  dropPeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.data?.close();
    peer.media?.close();
    this.events.emit('changed');
  }

  participants(selfPeerId: string): Participant[] {
    if (!this.roster) return [];
    return this.roster.members.map((member) => {
      const peer = this.peers.get(member.peerId);
      const isSelf = member.peerId === selfPeerId;
      const verified = !!peer?.mediaVerified;
      return {
        peerId: member.peerId,
        name: member.name,
        role: member.role,
        isSelf,
        stream: verified ? (peer?.incomingStream ?? null) : null,
        audioOn: isSelf ? this.deps.media.isOn('audio') : !!peer?.audioOn,
        videoOn: isSelf ? this.deps.media.isOn('video') : !!peer?.videoOn,
        connection: isSelf || verified ? 'connected' : 'connecting',
      };
    });
  }

  /** Media links, for the per-peer stats a security panel or a test reads. */
  mediaLink(peerId: string): MediaLink | null {
    return this.peers.get(peerId)?.media ?? null;
  }

  close(): void {
    this.stopListening();
    for (const peerId of [...this.peers.keys()]) this.dropPeer(peerId);
    for (const { link } of this.parked) link.close();
    this.parked.clear();
  }

  private isMember(peerId: string): boolean {
    return !!this.roster && !!findMember(this.roster, peerId);
  }

  private peer(peerId: string): PeerState {
    let peer = this.peers.get(peerId);
    if (!peer) {
      peer = {
        data: null,
        dataVerified: false,
        media: null,
        mediaVerified: false,
        incomingStream: null,
        audioOn: false,
        videoOn: false,
      };
      this.peers.set(peerId, peer);
    }
    return peer;
  }

  private park(link: DataLink | MediaLink, kind: 'data' | 'media'): void {
    const entry = { link, kind };
    this.parked.add(entry);
    setTimeout(() => {
      if (this.parked.delete(entry)) {
        this.deps.log(`closing ${kind} link from non-member ${link.remotePeerId}`);
        link.close();
      }
    }, PARKED_LINK_TIMEOUT_MS);
  }

  private attachData(link: DataLink, verified: boolean): void {
    const peerId = link.remotePeerId;
    const peer = this.peer(peerId);
    if (peer.data && peer.data !== link) peer.data.close();
    peer.data = link;
    peer.dataVerified = verified;
    link.events.on('message', (raw) => {
      if (peer.data !== link || !peer.dataVerified) return;
      const message = readMessage(link, raw, this.deps.log);
      if (message) this.events.emit('message', peerId, message);
    });
    link.events.on('close', () => {
      if (this.peers.get(peerId)?.data !== link) return;
      peer.data = null;
      peer.dataVerified = false;
      this.events.emit('data-closed', peerId);
      this.events.emit('changed');
    });
    if (verified) {
      this.events.emit('data-ready', peerId);
      return;
    }
    waitForOpen(link, OPEN_TIMEOUT_MS)
      .then(() => this.verify(peerId, link))
      .then((ok) => {
        if (!ok || peer.data !== link) return;
        peer.dataVerified = true;
        this.events.emit('data-ready', peerId);
      })
      .catch(() => link.close());
  }

  private acceptMedia(link: MediaLink): void {
    link.answer(this.deps.media.stream);
    this.attachMedia(link);
  }

  private attachMedia(link: MediaLink): void {
    const peerId = link.remotePeerId;
    const peer = this.peer(peerId);
    if (peer.media && peer.media !== link) peer.media.close();
    peer.media = link;
    peer.mediaVerified = false;
    peer.incomingStream = null;
    link.events.on('stream', (stream) => {
      if (peer.media !== link || peer.incomingStream === stream) return;
      peer.incomingStream = stream;
      if (peer.mediaVerified) this.events.emit('changed');
    });
    link.events.on('connected', () => {
      void this.verify(peerId, link).then((ok) => {
        if (!ok || peer.media !== link) return;
        peer.mediaVerified = true;
        this.events.emit('changed');
      });
    });
    link.events.on('close', () => {
      if (this.peers.get(peerId)?.media !== link) return;
      peer.media = null;
      peer.mediaVerified = false;
      peer.incomingStream = null;
      this.events.emit('changed');
    });
  }

  /** The remote fingerprint on this very connection must be the roster's; else close it. */
  private async verify(peerId: string, link: DataLink | MediaLink): Promise<boolean> {
    const expected = this.roster && findMember(this.roster, peerId)?.fingerprint;
    let seen;
    try {
      seen = await link.fingerprints();
    } catch (error) {
      this.deps.log(`fingerprint read failed for ${peerId}: ${String(error)}`);
      link.close();
      return false;
    }
    if (seen.local === this.deps.selfFingerprint && seen.remote === expected) return true;
    link.close();
    this.events.emit(
      'security-alert',
      new ConclaveError(ErrorCode.Intercepted, { detail: `connection to ${peerId} closed` }),
    );
    return false;
  }
}
