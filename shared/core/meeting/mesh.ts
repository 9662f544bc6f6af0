import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';
import type { LocalMediaSource, TrackKind } from '../media/local-media.ts';
import { SendQualityApplier } from '../media/send-quality-applier.ts';
import type { ReactionEmoji } from '../protocol/reactions.ts';
import type { Role, RosterBody, WireMessage } from '../protocol/schemas.ts';
import type {
  DataLink,
  Fingerprints,
  MediaLink,
  SignalingTransport,
} from '../signaling/transport.ts';
import { EarlyMessages, readMessage, waitForOpen, type Log } from './link-messages.ts';
import { Gestures } from './hands/gestures.ts';
import { LinkRecovery } from './link-recovery.ts';
import type { Participant } from './participant.ts';
import { findMember } from './roster.ts';

/** How long a link from someone not (yet) on our roster may wait for a roster that has them. */
const PARKED_LINK_TIMEOUT_MS = 20_000;
/** Media calls from people not on the roster (yet) that we hold at once; the oldest gives way. */
export const MAX_PENDING_MEDIA = 10;
/** More than the lobby (50) and the admissions under way (8) hold together. */
const MAX_DROPPED_CALLS_KEPT = 64;
/** Data links from people not on the roster (yet) that wait for it; the oldest gives way. */
export const MAX_PARKED_LINKS = 10;
/** A peer's camera/microphone state or hand redraws the room at most this often; the last one wins. */
export const MEDIA_STATE_INTERVAL_MS = 250;
const OPEN_TIMEOUT_MS = 30_000;
/** How long a dismissed peer's links stay open for its last message to arrive; nothing else is sent. */
export const DISMISS_GRACE_MS = 500;
/**
 * How long a failed data link may take to come back before that person counts as gone (the host
 * then takes them off the roster): longer than a network outage people sit through, shorter
 * than the server's wait for a silent client (60 s) plus the time ICE takes to give up.
 */
export const DATA_GIVE_UP_MS = 45_000;
/**
 * A certificate our call to the host met must be the host's, by a roster naming it, within this
 * long (the guest knocks again meanwhile, and a host whose page restarted admits it in seconds):
 * a server that intercepts the call and then keeps the knock away is alarmed about, not hidden.
 */
export const HOST_CERTIFICATE_PROOF_MS = 20_000;
/** Unproven certificates held at once; a server bringing more is alarmed about at once. */
const MAX_UNPROVEN_HOST_CERTIFICATES = 4;
const KINDS: readonly TrackKind[] = ['audio', 'video'];

interface PeerState {
  /** Seen on a roster at least once: leaving the roster later means they left. */
  wasMember: boolean;
  data: DataLink | null;
  dataVerified: boolean;
  /** We placed this data link (rather than answered it). */
  dataDialed: boolean;
  media: MediaLink | null;
  /** We placed this media call (rather than answered it). */
  mediaDialed: boolean;
  /** Read as soon as the media connection is up, so the roster check costs nothing later. */
  mediaFingerprints: Promise<Fingerprints> | null;
  mediaVerified: boolean;
  /** Held back until the media connection's fingerprint is verified. */
  incomingStream: MediaStream | null;
  audioOn: boolean;
  videoOn: boolean;
  screenSharing: boolean;
  gestures: Gestures;
  stateShownAt: number;
  stateTimer: ReturnType<typeof setTimeout> | null;
}

export interface MeshEvents {
  changed: [];
  message: [string, WireMessage];
  /** A binary message (file data) from a verified link; its reader checks it. */
  binary: [string, ArrayBuffer];
  /** A verified data link is ready: time to tell that peer our state. */
  'data-ready': [string];
  'data-closed': [string];
  /** A connection closed because its fingerprint was not the roster's (then the peer id). */
  'security-alert': [ConclaveError, string];
}

export interface MeshDeps {
  transport: SignalingTransport;
  selfFingerprint: string;
  media: LocalMediaSource;
  log: Log;
  /** The host's side: whether this stranger is being let in (knocking, or in the lobby). */
  awaitingAdmission?(peerId: string): boolean;
}

/**
 * Connections to every roster member. A link is used only once its remote DTLS fingerprint
 * equals that member's entry in the host-signed roster; anything else is closed at once.
 * Media connections may be set up early (to save a round of ICE and DTLS) but send nothing
 * and show nothing until that check passes.
 */
export class PeerMesh {
  readonly events = new Emitter<MeshEvents>();
  private roster: RosterBody | null = null;
  private readonly peers = new Map<string, PeerState>();
  private readonly parkedData = new Map<DataLink, EarlyMessages>();
  /** New links from people we have a checked link with, being checked in turn. */
  private readonly candidateData = new Map<string, DataLink>();
  /** Removed from this meeting: any link from them is closed at once, for the whole session. */
  private readonly banned = new Set<string>();
  /**
   * Certificates our own call to the host met that the roster does not name: the host's page may
   * have restarted. Judged by the next roster that names the host (see `judgeHostCertificates`),
   * or alarmed about when none has within HOST_CERTIFICATE_PROOF_MS.
   */
  private readonly unprovenHostCertificates = new Set<string>();
  private hostProofDeadline: ReturnType<typeof setTimeout> | null = null;
  /** Our own hand and reaction. */
  readonly own = new Gestures(() => this.events.emit('changed'));
  /** Strangers whose early call we dropped before they were let in (they cannot tell). */
  private readonly droppedCalls = new Set<string>();
  /** A viewer sends no media, whatever its devices do. */
  private receiveOnly = false;
  private readonly recovery: LinkRecovery;
  private readonly dataRecovery: LinkRecovery;
  private readonly stopListening: (() => void)[];

  constructor(private readonly deps: MeshDeps) {
    const sendQuality = new SendQualityApplier(deps.log);
    this.events.on('changed', () => sendQuality.update(this.verifiedMediaLinks()));
    const wanted = (peerId: string) => this.isMember(peerId) && !this.banned.has(peerId);
    const changed = () => this.events.emit('changed');
    this.recovery = new LinkRecovery({
      what: 'call',
      redial: (peerId) => this.attachMedia(deps.transport.call(peerId, deps.media.stream), true),
      wanted,
      changed,
      log: deps.log,
    });
    this.dataRecovery = new LinkRecovery({
      what: 'data link',
      redial: (peerId) => this.attachData(deps.transport.connect(peerId), false, true),
      wanted,
      changed,
      giveUpAfterMs: DATA_GIVE_UP_MS,
      // Only a link with the host says whether someone is still here (the host removes them, a
      // guest knocks again); between two guests both kept on the roster, it is placed again.
      givesUp: (peerId) => this.isHost() || this.roleOf(peerId) === 'host',
      gaveUp: (peerId) => this.events.emit('data-closed', peerId),
      log: deps.log,
    });
    this.stopListening = [
      deps.media.events.on('track', (kind, track) => {
        for (const peer of this.peers.values()) {
          if (peer.media && peer.mediaVerified) this.send(peer.media, kind, this.outgoing(track));
        }
      }),
      deps.transport.events.on('server-connection', (state) => {
        if (state !== 'connected') return;
        this.recovery.handleServerBack();
        this.dataRecovery.handleServerBack();
      }),
    ];
  }

  setRoster(body: RosterBody): void {
    this.roster = body;
    this.judgeHostCertificates(body);
    this.setReceiveOnly(findMember(body, this.deps.transport.peerId)?.role === 'viewer');
    for (const [peerId, peer] of [...this.peers]) {
      if (findMember(body, peerId)) peer.wasMember = true;
      else if (peer.wasMember) this.dropPeer(peerId);
    }
    for (const [link, early] of [...this.parkedData]) {
      if (!this.isMember(link.remotePeerId)) continue;
      this.parkedData.delete(link);
      this.attachData(link, false, false, early);
    }
    for (const [peerId, peer] of this.peers) {
      if (!peer.mediaVerified) this.verifyMedia(peerId, peer);
    }
    this.events.emit('changed');
  }

  /**
   * A data link already authenticated by the admission handshake, with what came meanwhile. The
   * host places it again should it fail: a guest's new link to the host would be a new knock.
   */
  adoptVerifiedDataLink(link: DataLink, early?: EarlyMessages): void {
    this.attachData(link, true, this.isHost(), early);
  }

  connect(peerId: string, what: { data: boolean; media: boolean }): void {
    if (what.data) this.attachData(this.deps.transport.connect(peerId), false, true);
    if (what.media) {
      this.attachMedia(this.deps.transport.call(peerId, this.deps.media.stream), true);
    }
  }

  handleIncomingData(link: DataLink): void {
    if (this.refuseBanned(link)) return;
    if (this.verifiedDataLink(link.remotePeerId)?.isOpen) return this.replaceOnceChecked(link);
    if (this.keepsOwnDataLink(link.remotePeerId)) {
      this.deps.log(`data links with ${link.remotePeerId} crossed: ours goes on`);
      return link.close();
    }
    if (this.isMember(link.remotePeerId)) return this.attachData(link, false, false);
    if (this.parkedData.size >= MAX_PARKED_LINKS) {
      const oldest = this.parkedData.keys().next().value!;
      this.deps.log(`dropped the link from ${oldest.remotePeerId}: too many waiting`);
      this.unpark(oldest);
    }
    this.parkedData.set(link, new EarlyMessages(link));
    setTimeout(() => this.unpark(link), PARKED_LINK_TIMEOUT_MS);
  }

  /**
   * A new link from someone we have a checked link with (they placed it again after theirs
   * failed) replaces it only once it passes the same check: one the server made up in their name
   * cannot cut us off from them. One such link per person at a time; a newer one replaces it.
   */
  private replaceOnceChecked(link: DataLink): void {
    const peerId = link.remotePeerId;
    this.candidateData.get(peerId)?.close();
    this.candidateData.set(peerId, link);
    const early = new EarlyMessages(link);
    const done = () => {
      if (this.candidateData.get(peerId) === link) this.candidateData.delete(peerId);
    };
    link.events.on('close', done);
    waitForOpen(link, OPEN_TIMEOUT_MS)
      .then(() => this.verify(peerId, link))
      .then((ok) => {
        done();
        if (ok && link.isOpen && this.isMember(peerId) && !this.banned.has(peerId)) {
          this.attachData(link, true, false, early);
        } else early.release();
      })
      .catch(() => {
        early.release();
        link.close();
      });
  }

  /** Closes a link still waiting for a roster that has its peer. */
  private unpark(link: DataLink): void {
    this.parkedData.get(link)?.release();
    if (this.parkedData.delete(link)) link.close();
  }

  /** Answered at once so ICE and DTLS run while admission completes; held until verified. */
  handleIncomingMedia(link: MediaLink): void {
    if (this.refuseBanned(link)) return;
    this.droppedCalls.delete(link.remotePeerId);
    if (this.keepsOwnCall(link.remotePeerId)) {
      this.deps.log(`calls with ${link.remotePeerId} crossed: ours goes on`);
      return link.close();
    }
    if (!this.isMember(link.remotePeerId)) {
      const pending = [...this.peers].filter(([, p]) => p.media && !p.wasMember);
      // The oldest gives way: a flood cannot hold every place while a real newcomer waits.
      if (pending.length >= MAX_PENDING_MEDIA) {
        const [oldest] = pending[0]!;
        this.deps.log(`dropped the call from ${oldest}: too many pending`);
        this.dropPendingCall(oldest);
      }
    }
    link.answer(this.deps.media.stream);
    this.attachMedia(link, false);
    if (this.isMember(link.remotePeerId)) return;
    setTimeout(() => {
      const peer = this.peers.get(link.remotePeerId);
      if (peer?.media === link && !peer.wasMember) this.dropPendingCall(link.remotePeerId);
    }, PARKED_LINK_TIMEOUT_MS);
  }

  /**
   * Whether we dropped this person's early call while they waited to be let in (forgotten once
   * asked): the admitting host then calls them, as their client still thinks its call is up.
   */
  takeDroppedCall(peerId: string): boolean {
    return this.droppedCalls.delete(peerId);
  }

  /** Remembered only for someone being let in: strangers who never knock cannot crowd them out. */
  private dropPendingCall(peerId: string): void {
    if (this.deps.awaitingAdmission?.(peerId)) {
      if (this.droppedCalls.size >= MAX_DROPPED_CALLS_KEPT) {
        this.droppedCalls.delete(this.droppedCalls.values().next().value!);
      }
      this.droppedCalls.add(peerId);
    }
    this.dropPeer(peerId);
  }

  /**
   * Calls crossed (the host calls back a guest whose call it dropped while the guest calls
   * again): the host's call goes on. The guest always takes the host's call, since its own may be
   * one the host dropped without telling it.
   */
  private keepsOwnCall(peerId: string): boolean {
    const peer = this.peers.get(peerId);
    if (!peer?.media || !peer.mediaDialed || peer.mediaVerified) return false;
    return this.isHost();
  }

  /** Both placed a data link at once: the one the lower peer id placed goes on, at both ends. */
  private keepsOwnDataLink(peerId: string): boolean {
    const peer = this.peers.get(peerId);
    if (!peer?.data || peer.dataVerified || !peer.dataDialed) return false;
    return this.deps.transport.peerId < peerId;
  }

  private isHost(): boolean {
    return this.roleOf(this.deps.transport.peerId) === 'host';
  }

  private roleOf(peerId: string): Role | undefined {
    return this.roster ? findMember(this.roster, peerId)?.role : undefined;
  }

  /** Kept at once, shown at a bounded rate: a flood of toggles cannot flood the screen. */
  setMediaState(peerId: string, audioOn: boolean, videoOn: boolean, screen = false): void {
    const peer = this.peers.get(peerId);
    const same = peer?.audioOn === audioOn && peer.videoOn === videoOn;
    if (!peer || (same && peer.screenSharing === screen)) return;
    peer.audioOn = audioOn;
    peer.videoOn = videoOn;
    peer.screenSharing = screen;
    this.showSoon(peer);
  }

  /** Like media state: kept at once, shown at a bounded rate. */
  setHand(peerId: string, raised: boolean, raisedMsAgo?: number): void {
    const peer = this.peers.get(peerId);
    if (peer?.gestures.setHand(raised, raisedMsAgo)) this.showSoon(peer);
  }

  /** Shown at once, for a while; a flood from one peer is dropped beyond one per interval. */
  showReaction(peerId: string, emoji: ReactionEmoji): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    if (peer.gestures.react(emoji)) this.events.emit('changed');
    else this.deps.log(`dropped a reaction from ${peerId}: too soon after the last`);
  }

  private showSoon(peer: PeerState): void {
    if (peer.stateTimer) return;
    const wait = peer.stateShownAt + MEDIA_STATE_INTERVAL_MS - Date.now();
    const show = () => {
      peer.stateTimer = null;
      peer.stateShownAt = Date.now();
      this.events.emit('changed');
    };
    if (wait <= 0) show();
    else peer.stateTimer = setTimeout(show, wait);
  }

  sendMessage(peerId: string, message: string | Uint8Array<ArrayBuffer>): void {
    const peer = this.peers.get(peerId);
    if (peer?.data && peer.dataVerified) peer.data.send(message);
  }

  broadcast(text: string, except?: string): void {
    for (const peerId of this.peers.keys()) if (peerId !== except) this.sendMessage(peerId, text);
  }

  /** Drops a removed peer now and refuses it for the rest of the session. */
  ban(peerId: string): void {
    this.banned.add(peerId);
    this.dropPeer(peerId);
  }

  /**
   * Bans a peer but lets `farewell` reach it: from now on nothing else is sent to it, nothing
   * from it is read or shown, and its links close after DISMISS_GRACE_MS (or when it hangs up).
   */
  dismiss(peerId: string, farewell: string): void {
    const peer = this.peers.get(peerId);
    this.banned.add(peerId);
    if (!peer) return;
    this.sendMessage(peerId, farewell);
    this.peers.delete(peerId);
    this.recovery.forget(peerId);
    this.dataRecovery.forget(peerId);
    if (peer.stateTimer) clearTimeout(peer.stateTimer);
    peer.gestures.clear();
    peer.dataVerified = false;
    if (peer.media) for (const kind of KINDS) this.send(peer.media, kind, null);
    setTimeout(() => {
      peer.data?.close();
      peer.media?.close();
    }, DISMISS_GRACE_MS);
    this.events.emit('changed');
  }

  dropPeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    this.recovery.forget(peerId);
    this.dataRecovery.forget(peerId);
    if (peer.stateTimer) clearTimeout(peer.stateTimer);
    peer.gestures.clear();
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
      const reconnecting =
        !isSelf &&
        (this.recovery.isReconnecting(member.peerId) ||
          this.dataRecovery.isReconnecting(member.peerId));
      // A viewer's connection carries nothing we play, whatever its client sends.
      const viewer = member.role === 'viewer';
      const gestures = isSelf ? this.own : peer?.gestures;
      return {
        peerId: member.peerId,
        name: member.name,
        role: member.role,
        isSelf,
        stream: verified && !viewer ? (peer?.incomingStream ?? null) : null,
        audioOn: !viewer && (isSelf ? this.deps.media.isOn('audio') : !!peer?.audioOn),
        videoOn: !viewer && (isSelf ? this.deps.media.isOn('video') : !!peer?.videoOn),
        screenSharing:
          !viewer && (isSelf ? this.deps.media.isSharingScreen() : !!peer?.screenSharing),
        connection: reconnecting ? 'reconnecting' : isSelf || verified ? 'connected' : 'connecting',
        handRaisedAt: gestures?.handRaisedAt ?? null,
        reaction: gestures?.reaction ?? null,
      };
    });
  }

  /** The data link to a peer, once verified against the roster. */
  verifiedDataLink(peerId: string): DataLink | null {
    const peer = this.peers.get(peerId);
    return peer?.data && peer.dataVerified ? peer.data : null;
  }

  /** Media links, for the per-peer stats a security panel or a test reads. */
  mediaLink(peerId: string): MediaLink | null {
    return this.peers.get(peerId)?.media ?? null;
  }

  close(): void {
    this.stopListening.forEach((stop) => stop());
    this.recovery.close();
    this.dataRecovery.close();
    this.stopHostProofDeadline();
    for (const peerId of [...this.peers.keys()]) this.dropPeer(peerId);
    for (const link of [...this.parkedData.keys()]) this.unpark(link);
    for (const link of [...this.candidateData.values()]) link.close();
    this.own.clear();
  }

  private refuseBanned(link: DataLink | MediaLink): boolean {
    if (!this.banned.has(link.remotePeerId)) return false;
    this.deps.log(`refused ${link.remotePeerId}: removed from the meeting`);
    link.close();
    return true;
  }

  private setReceiveOnly(receiveOnly: boolean): void {
    if (receiveOnly === this.receiveOnly) return;
    this.receiveOnly = receiveOnly;
    for (const peer of this.peers.values()) {
      if (!peer.media || !peer.mediaVerified) continue;
      for (const kind of KINDS) {
        this.send(peer.media, kind, this.outgoing(this.deps.media.liveTrack(kind)));
      }
    }
  }

  private outgoing(track: MediaStreamTrack | null): MediaStreamTrack | null {
    return this.receiveOnly ? null : track;
  }

  private isMember(peerId: string): boolean {
    return !!this.roster && !!findMember(this.roster, peerId);
  }

  private verifiedMediaLinks(): MediaLink[] {
    return [...this.peers.values()].flatMap((p) => (p.media && p.mediaVerified ? [p.media] : []));
  }

  private peer(peerId: string): PeerState {
    let peer = this.peers.get(peerId);
    if (!peer) {
      peer = {
        wasMember: this.isMember(peerId),
        data: null,
        dataVerified: false,
        dataDialed: false,
        media: null,
        mediaDialed: false,
        mediaFingerprints: null,
        mediaVerified: false,
        incomingStream: null,
        audioOn: false,
        videoOn: false,
        screenSharing: false,
        gestures: new Gestures(() => this.events.emit('changed')),
        stateShownAt: 0,
        stateTimer: null,
      };
      this.peers.set(peerId, peer);
    }
    return peer;
  }

  /** `dialer`: we place this link again should it fail. */
  private attachData(
    link: DataLink,
    verified: boolean,
    dialer: boolean,
    early = new EarlyMessages(link),
  ): void {
    const peerId = link.remotePeerId;
    const peer = this.peer(peerId);
    const recovery = this.dataRecovery.watch(peerId, dialer, () => link.close());
    const replaced = peer.data;
    peer.data = link;
    peer.dataVerified = verified;
    peer.dataDialed = dialer;
    // Closed once replaced, so that its closing does not read as the person leaving.
    if (replaced && replaced !== link) replaced.close();
    const handle = (raw: unknown) => {
      if (raw instanceof ArrayBuffer) return this.events.emit('binary', peerId, raw);
      const message = readMessage(link, raw, this.deps.log);
      if (message) this.events.emit('message', peerId, message);
    };
    link.events.on('message', (raw) => {
      if (peer.data === link && peer.dataVerified) handle(raw);
    });
    link.events.on('failed', () => recovery.failed());
    link.events.on('close', () => {
      recovery.closed();
      if (this.peers.get(peerId)?.data !== link) return;
      peer.data = null;
      peer.dataVerified = false;
      // A link that failed is placed again (or awaited); the person is gone only if it is not.
      if (!this.dataRecovery.isReconnecting(peerId)) this.events.emit('data-closed', peerId);
      this.events.emit('changed');
    });
    if (verified) {
      recovery.connected();
      early.release().forEach(handle);
      this.events.emit('data-ready', peerId);
      return;
    }
    waitForOpen(link, OPEN_TIMEOUT_MS)
      .then(() => this.verify(peerId, link))
      .then((ok) => {
        const held = early.release();
        // Dropped or removed while its certificate was read: nothing it sent is read.
        if (!ok || peer.data !== link || this.peers.get(peerId) !== peer) return;
        peer.dataVerified = true;
        recovery.connected();
        held.forEach(handle);
        this.events.emit('data-ready', peerId);
      })
      .catch(() => {
        early.release();
        link.close();
      });
  }

  /** `dialed`: we placed this call (and place it again should it fail). */
  private attachMedia(link: MediaLink, dialed: boolean): void {
    const peerId = link.remotePeerId;
    const peer = this.peer(peerId);
    const recovery = this.recovery.watch(peerId, dialed, () => link.close());
    link.events.on('connected', () => recovery.connected());
    link.events.on('interrupted', () => recovery.interrupted());
    link.events.on('failed', () => recovery.failed());
    link.events.on('close', () => recovery.closed());
    if (peer.media && peer.media !== link) peer.media.close();
    peer.media = link;
    peer.mediaDialed = dialed;
    peer.mediaFingerprints = null;
    peer.mediaVerified = false;
    peer.incomingStream = null;
    for (const kind of KINDS) this.send(link, kind, null);
    link.events.on('stream', (stream) => {
      if (peer.media !== link || peer.incomingStream === stream) return;
      peer.incomingStream = stream;
      if (peer.mediaVerified) this.events.emit('changed');
    });
    link.events.on('connected', () => {
      if (peer.media !== link || peer.mediaFingerprints) return;
      peer.mediaFingerprints = link.fingerprints();
      peer.mediaFingerprints.catch(() => undefined);
      this.verifyMedia(peerId, peer);
    });
    link.events.on('close', () => {
      if (this.peers.get(peerId)?.media !== link) return;
      peer.media = null;
      peer.mediaFingerprints = null;
      peer.mediaVerified = false;
      peer.incomingStream = null;
      this.events.emit('changed');
    });
  }

  /** Someone not on the roster yet is checked when a roster has them, not against this one. */
  private verifyMedia(peerId: string, peer: PeerState): void {
    const link = peer.media;
    if (!link || !peer.mediaFingerprints || !this.isMember(peerId)) return;
    void this.verify(peerId, link, peer.mediaFingerprints).then((ok) => {
      if (!ok || peer.media !== link || peer.mediaVerified) return;
      peer.mediaVerified = true;
      for (const kind of KINDS) {
        this.send(link, kind, this.outgoing(this.deps.media.liveTrack(kind)));
      }
      this.events.emit('changed');
    });
  }

  private send(link: MediaLink, kind: TrackKind, track: MediaStreamTrack | null): void {
    link
      .replaceTrack(kind, track)
      .catch((e: unknown) => this.deps.log(`replaceTrack: ${String(e)}`));
  }

  /** The remote fingerprint on this very connection must be the roster's; else close it. */
  private async verify(
    peerId: string,
    link: DataLink | MediaLink,
    fingerprints = link.fingerprints(),
  ): Promise<boolean> {
    const expected = this.roster && findMember(this.roster, peerId)?.fingerprint;
    // Read before waiting: by the time the fingerprints come, a host-away roster may not name it.
    const callToHost = this.isOurCallToHost(peerId, link);
    let seen;
    try {
      seen = await fingerprints;
    } catch (error) {
      this.deps.log(`fingerprint read failed for ${peerId}: ${String(error)}`);
      link.close();
      return false;
    }
    if (seen.local === this.deps.selfFingerprint && seen.remote === expected) return true;
    // Whoever answered is not them: calling again would not help. A link made up in their name
    // beside the one we have says nothing about that one.
    const peer = this.peers.get(peerId);
    // A data link we were waiting to see placed again will not come: they are gone after all.
    const awaited = !!peer && !peer.data && this.dataRecovery.isReconnecting(peerId);
    const hostMayHaveRestarted =
      callToHost &&
      seen.local === this.deps.selfFingerprint &&
      this.unprovenHostCertificates.size < MAX_UNPROVEN_HOST_CERTIFICATES;
    if (peer?.data === link || peer?.media === link) {
      this.recovery.forget(peerId);
      this.dataRecovery.forget(peerId);
    }
    link.close();
    if (hostMayHaveRestarted) {
      this.deps.log(`certificate of ${peerId} is new: closed until the host proves it`);
      this.unprovenHostCertificates.add(seen.remote);
      this.hostProofDeadline ??= setTimeout(() => {
        this.hostProofDeadline = null;
        if (this.unprovenHostCertificates.size === 0) return;
        this.unprovenHostCertificates.clear();
        this.deps.log(`no roster proved the certificate our call to ${peerId} met`);
        this.alert(peerId);
      }, HOST_CERTIFICATE_PROOF_MS);
    } else {
      this.deps.log(`fingerprint of ${peerId} is not the roster's: closed`);
      this.alert(peerId);
    }
    // Gone, as far as we can tell: a guest knocks again, where the host proves its certificate.
    if ((awaited || hostMayHaveRestarted) && !this.dataRecovery.isReconnecting(peerId))
      this.events.emit('data-closed', peerId);
    return false;
  }

  /**
   * Our own call to the host: its page may have restarted under a new certificate, which only the
   * admission we then go through again proves (its data link may not have noticed yet: the two
   * connections fail each on its own). The host never calls a guest from a new page, nor places a
   * data link, so any other link in its name with another certificate is someone else's.
   */
  private isOurCallToHost(peerId: string, link: DataLink | MediaLink): boolean {
    const peer = this.peers.get(peerId);
    return this.roleOf(peerId) === 'host' && peer?.media === link && peer.mediaDialed;
  }

  /** A certificate our call to the host met is the host's only if its next roster names it. */
  private judgeHostCertificates(body: RosterBody): void {
    const host = body.members.find((m) => m.role === 'host');
    if (!host || this.unprovenHostCertificates.size === 0) return;
    const strangers = [...this.unprovenHostCertificates].filter((f) => f !== host.fingerprint);
    this.unprovenHostCertificates.clear();
    this.stopHostProofDeadline();
    if (strangers.length === 0) return;
    this.deps.log(`a call to ${host.peerId} met a certificate that is not the host's`);
    this.alert(host.peerId);
  }

  private stopHostProofDeadline(): void {
    if (this.hostProofDeadline) clearTimeout(this.hostProofDeadline);
    this.hostProofDeadline = null;
  }

  private alert(peerId: string): void {
    this.events.emit('security-alert', new ConclaveError(ErrorCode.PeerCheckFailed), peerId);
  }
}
