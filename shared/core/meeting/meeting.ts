import { generateSigningKeyPair, type SigningKeyPair } from '../../crypto/signing.ts';
import { Emitter } from '../emitter.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';
import type { LocalMediaSource } from '../media/local-media.ts';
import { encodeMessage } from '../protocol/codec.ts';
import type { SignedRoster, WireMessage } from '../protocol/schemas.ts';
import type {
  DataLink,
  ServerConnection,
  SignalingTransport,
  TransportFactory,
} from '../signaling/transport.ts';
import { HandshakeCutShortError, runGuestAdmission, type Admission } from './guest-admission.ts';
import { runHostAdmission } from './host-admission.ts';
import { HostRoster, RosterFullError } from './host-roster.ts';
import { hostPeerId, newMeetingId } from './ids.ts';
import type { Invite } from './invite.ts';
import { LinkClosedError, LinkTimeoutError, waitForOpen, type Log } from './link-messages.ts';
import { PeerMesh } from './mesh.ts';
import type { Participant } from './participant.ts';
import { verifyRoster } from './roster.ts';

export const MAX_PARTICIPANTS = 6;
/** Admission handshakes the host runs at once. */
export const MAX_CONCURRENT_ADMISSIONS = 8;
const HOST_CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long an admission may hold its place before a newcomer can take it. A real guest is
 * through in well under this; connections that open and then say nothing are not.
 */
export const ADMISSION_GRACE_MS = 5_000;

export type MeetingPhase = 'connecting' | 'waiting-for-host' | 'joining' | 'in-meeting' | 'ended';

export interface MeetingState {
  phase: MeetingPhase;
  /** Why the meeting ended, when it was not our own choice. */
  error: ConclaveError | null;
}

export interface MeetingEvents {
  state: [MeetingState];
  participants: [Participant[]];
  /** Something the person should know that does not end the meeting. */
  notice: [ConclaveError];
  /** Whether the signaling server reaches us: without it, nobody new can join. */
  'server-connection': [ServerConnection];
}

export interface MeetingDeps {
  createTransport: TransportFactory;
  media: LocalMediaSource;
  log?: Log;
  /** Pause between attempts while the host has not arrived. */
  hostRetryDelayMs?: number;
  /**
   * Settles once camera and microphone have been asked for. Registration with the signaling
   * server overlaps it; connections wait for it so that they carry the tracks.
   */
  mediaReady?: Promise<unknown>;
}

export interface HostDescriptor {
  meetingId: string;
  hostKey: SigningKeyPair;
}

export async function createHostDescriptor(): Promise<HostDescriptor> {
  return { meetingId: newMeetingId(), hostKey: await generateSigningKeyPair() };
}

type RoleConfig = { role: 'host'; descriptor: HostDescriptor } | { role: 'guest'; invite: Invite };

/**
 * One person's side of one meeting. The host admits guests and signs the roster; a guest proves
 * the host over DTLS, then joins the mesh of everyone on the signed roster.
 */
export class Meeting {
  readonly events = new Emitter<MeetingEvents>();
  readonly invite: Invite;
  private readonly hostPeerId: string;
  /** Bound to this session's signing key; known once `start` has made the key. */
  private _selfPeerId = '';
  /** Admissions under way, oldest first, with when each started. */
  private readonly admissionsRunning = new Map<DataLink, number>();
  private readonly log: Log;
  private transport: SignalingTransport | null = null;
  private mesh: PeerMesh | null = null;
  private hostRoster: HostRoster | null = null;
  private hostKey: CryptoKey | null = null;
  private rosterVersion = 0;
  private stopListeningToMedia: () => void = () => undefined;
  private _state: MeetingState = { phase: 'connecting', error: null };

  private constructor(
    private readonly deps: MeetingDeps,
    private readonly config: RoleConfig,
    private readonly displayName: string,
  ) {
    this.log = deps.log ?? (() => undefined);
    this.invite =
      config.role === 'host'
        ? {
            meetingId: config.descriptor.meetingId,
            hostKeyDigest: config.descriptor.hostKey.digest,
          }
        : config.invite;
    this.hostPeerId = hostPeerId(this.invite.hostKeyDigest);
  }

  static host(deps: MeetingDeps, descriptor: HostDescriptor, displayName: string): Meeting {
    return new Meeting(deps, { role: 'host', descriptor }, displayName);
  }

  static guest(deps: MeetingDeps, invite: Invite, displayName: string): Meeting {
    return new Meeting(deps, { role: 'guest', invite }, displayName);
  }

  get selfPeerId(): string {
    return this._selfPeerId;
  }

  get state(): MeetingState {
    return this._state;
  }

  get participants(): Participant[] {
    return this.mesh?.participants(this.selfPeerId) ?? [];
  }

  /** Resolves once in the meeting or ended; failures arrive as the `ended` state's error. */
  async start(): Promise<void> {
    try {
      // The host registers under the id bound to the host key; a guest under a fresh key's.
      const identity =
        this.config.role === 'host'
          ? this.config.descriptor.hostKey
          : await generateSigningKeyPair();
      const transport = await this.deps.createTransport(identity);
      this.transport = transport;
      this._selfPeerId = transport.peerId;
      await Promise.all([transport.open(), this.deps.mediaReady]);
      if (this.isEnded()) return;
      this.mesh = this.createMesh(transport);
      transport.events.on('error', (error) => this.events.emit('notice', error));
      transport.events.on('server-connection', (up) => this.events.emit('server-connection', up));
      if (this.config.role === 'host') await this.startAsHost(transport, this.config.descriptor);
      else await this.joinAsGuest(transport);
    } catch (error) {
      this.end(
        error instanceof ConclaveError
          ? error
          : new ConclaveError(ErrorCode.ConnectionLost, { cause: error }),
      );
    }
  }

  /** Leaves the meeting; when the host leaves, it ends for everyone. Always ends it here. */
  leave(): void {
    if (this.isEnded()) return;
    try {
      this.mesh?.broadcast(encodeMessage(this.config.role === 'host' ? 'end' : 'leave', {}));
    } finally {
      this.end(null);
    }
  }

  /** Stats of the media connection to one peer (DTLS state, decoded frames). */
  async mediaStats(peerId: string): Promise<RTCStatsReport | null> {
    return (await this.mesh?.mediaLink(peerId)?.getStats()) ?? null;
  }

  private createMesh(transport: SignalingTransport): PeerMesh {
    const mesh = new PeerMesh({
      transport,
      selfFingerprint: transport.localFingerprint,
      media: this.deps.media,
      log: this.log,
    });
    mesh.events.on('changed', () => this.events.emit('participants', this.participants));
    mesh.events.on('message', (peerId, message) => this.handleMessage(peerId, message));
    mesh.events.on('data-ready', (peerId) => mesh.sendMessage(peerId, this.mediaStateMessage()));
    mesh.events.on('data-closed', (peerId) => this.handlePeerGone(peerId));
    mesh.events.on('security-alert', (error) => this.events.emit('notice', error));
    this.stopListeningToMedia = this.deps.media.events.on('track', () => {
      mesh.broadcast(this.mediaStateMessage());
      this.events.emit('participants', this.participants);
    });
    transport.events.on('media-link', (link) => mesh.handleIncomingMedia(link));
    return mesh;
  }

  private async startAsHost(
    transport: SignalingTransport,
    descriptor: HostDescriptor,
  ): Promise<void> {
    const roster = new HostRoster(this.invite.meetingId, descriptor.hostKey, MAX_PARTICIPANTS);
    this.hostRoster = roster;
    this.applyRoster(
      await roster.add({
        peerId: this.selfPeerId,
        name: this.displayName,
        role: 'host',
        fingerprint: transport.localFingerprint,
      }),
    );
    transport.events.on(
      'data-link',
      (link) => void this.handleAdmission(link, descriptor, transport),
    );
    this.setPhase('in-meeting');
  }

  private async handleAdmission(
    link: DataLink,
    descriptor: HostDescriptor,
    transport: SignalingTransport,
  ): Promise<void> {
    const roster = this.hostRoster;
    const mesh = this.mesh;
    if (!roster || !mesh) return;
    if (!this.makeRoomForAdmission(link)) {
      this.log(`refused ${link.remotePeerId}: too many admissions at once`);
      return link.close();
    }
    this.admissionsRunning.set(link, Date.now());
    try {
      const knock = await runHostAdmission({
        link,
        meetingId: this.invite.meetingId,
        selfPeerId: this.selfPeerId,
        hostKey: descriptor.hostKey,
        selfFingerprint: transport.localFingerprint,
        log: this.log,
      });
      if (this.isEnded()) return link.close();
      const signed = await roster.add({ ...knock, role: 'participant' });
      this.applyRoster(signed);
      link.send(encodeMessage('admit', { roster: signed }));
      mesh.adoptVerifiedDataLink(link);
      mesh.broadcast(encodeMessage('roster', { roster: signed }), knock.peerId);
    } catch (error) {
      if (error instanceof RosterFullError) link.send(encodeMessage('deny', { reason: 'full' }));
      else this.log(`admission from ${link.remotePeerId} failed: ${String(error)}`);
      link.close();
    } finally {
      this.admissionsRunning.delete(link);
    }
  }

  /**
   * One admission per person (a new connection from the same id replaces the old one), and at
   * most MAX_CONCURRENT_ADMISSIONS: when full, the oldest gives way once it has had its grace,
   * so connections that open and then stall cannot keep a real guest out for long.
   */
  private makeRoomForAdmission(link: DataLink): boolean {
    const drop = (other: DataLink, why: string) => {
      this.log(`dropped ${other.remotePeerId}: ${why}`);
      this.admissionsRunning.delete(other);
      other.close();
    };
    for (const other of this.admissionsRunning.keys()) {
      if (other.remotePeerId === link.remotePeerId) drop(other, 'a newer connection replaces it');
    }
    if (this.admissionsRunning.size < MAX_CONCURRENT_ADMISSIONS) return true;
    const [oldest, startedAt] = this.admissionsRunning.entries().next().value!;
    if (Date.now() - startedAt < ADMISSION_GRACE_MS) return false;
    drop(oldest, 'too many admissions at once');
    return true;
  }

  private async joinAsGuest(transport: SignalingTransport): Promise<void> {
    const mesh = this.mesh;
    if (!mesh) return;
    // Others may connect as soon as the host tells them about us: the mesh parks them until our
    // own roster has them.
    transport.events.on('data-link', (incoming) => mesh.handleIncomingData(incoming));
    const admitted = await this.admitAtHost(transport, mesh);
    if (!admitted) return;
    const { link, admission } = admitted;
    if (this.isEnded()) return link.close();
    this.hostKey = admission.hostKey;
    this.applyRoster(admission.roster);
    mesh.adoptVerifiedDataLink(link);
    // The early call to the host may have been dropped while we waited (the host holds only a
    // few calls from strangers): place it again now that we are on the roster.
    if (!mesh.mediaLink(this.hostPeerId))
      mesh.connect(this.hostPeerId, { data: false, media: true });
    // The newcomer opens connections to everyone else already there.
    for (const member of admission.roster.body.members) {
      if (member.peerId === this.selfPeerId || member.peerId === this.hostPeerId) continue;
      mesh.connect(member.peerId, { data: true, media: true });
    }
    this.setPhase('in-meeting');
  }

  /**
   * Reaches the host and runs the admission, again when the host's side hung up before its
   * challenge (it was busy with other knocks, or coming back).
   */
  private async admitAtHost(
    transport: SignalingTransport,
    mesh: PeerMesh,
  ): Promise<{ link: DataLink; admission: Admission } | null> {
    while (!this.isEnded()) {
      const link = await this.reachHost(transport, mesh);
      if (!link) return null;
      this.setPhase('joining');
      try {
        const admission = await runGuestAdmission({
          link,
          invite: this.invite,
          hostPeerId: this.hostPeerId,
          selfPeerId: this.selfPeerId,
          displayName: this.displayName,
          selfFingerprint: transport.localFingerprint,
          log: this.log,
        });
        return { link, admission };
      } catch (error) {
        if (!(error instanceof HandshakeCutShortError)) throw error;
        this.log(`the host hung up before its challenge (${error.message}): trying again`);
        mesh.dropPeer(this.hostPeerId);
        await delay(this.deps.hostRetryDelayMs ?? 2000);
      }
    }
    return null;
  }

  /**
   * Connects to the host's peer id, waiting (and retrying) while the host is not there. The
   * media call starts at the same time; the mesh holds it until the host is verified.
   */
  private async reachHost(transport: SignalingTransport, mesh: PeerMesh): Promise<DataLink | null> {
    while (!this.isEnded()) {
      const link = transport.connect(this.hostPeerId);
      mesh.connect(this.hostPeerId, { data: false, media: true });
      const unavailable = new Promise<'unavailable'>((resolve) => {
        const off = transport.events.on('peer-unavailable', (peerId) => {
          if (peerId !== this.hostPeerId) return;
          off();
          resolve('unavailable');
        });
        link.events.once('close', off);
        link.events.once('open', off);
      });
      try {
        const outcome = await Promise.race([
          waitForOpen(link, HOST_CONNECT_TIMEOUT_MS),
          unavailable,
        ]);
        if (outcome !== 'unavailable') return link;
      } catch (error) {
        if (!(error instanceof LinkClosedError || error instanceof LinkTimeoutError)) throw error;
      }
      link.close();
      mesh.dropPeer(this.hostPeerId);
      if (this.isEnded()) break;
      this.setPhase('waiting-for-host');
      await delay(this.deps.hostRetryDelayMs ?? 2000);
    }
    return null;
  }

  private handleMessage(peerId: string, message: WireMessage): void {
    const fromHost = peerId === this.hostPeerId && this.config.role === 'guest';
    switch (message.t) {
      case 'media-state':
        this.mesh?.setMediaState(peerId, message.audio, message.video);
        return;
      case 'leave':
        return this.handlePeerGone(peerId);
      case 'roster':
        if (fromHost) return void this.handleRosterUpdate(message.roster);
        break;
      case 'end':
        if (fromHost) return this.end(new ConclaveError(ErrorCode.HostLeft));
        break;
    }
    this.log(`ignored ${message.t} from ${peerId}`);
  }

  private async handleRosterUpdate(roster: SignedRoster): Promise<void> {
    if (!this.hostKey || roster.body.meetingId !== this.invite.meetingId) return;
    if (roster.body.version <= this.rosterVersion) return;
    if (!(await verifyRoster(this.hostKey, roster))) {
      this.log('ignored a roster with a bad signature');
      return;
    }
    if (roster.body.version <= this.rosterVersion) return;
    this.applyRoster(roster);
  }

  private applyRoster(roster: SignedRoster): void {
    this.rosterVersion = roster.body.version;
    this.transport?.trustPeers(roster.body.members.map((m) => m.peerId));
    this.mesh?.setRoster(roster.body);
  }

  private handlePeerGone(peerId: string): void {
    if (this.isEnded()) return;
    if (this.config.role === 'guest') {
      if (peerId === this.hostPeerId) this.end(new ConclaveError(ErrorCode.HostLeft));
      else this.mesh?.dropPeer(peerId);
      return;
    }
    const roster = this.hostRoster;
    if (!roster?.has(peerId)) return;
    this.mesh?.dropPeer(peerId);
    void roster.remove(peerId).then((signed) => {
      if (this.isEnded()) return;
      this.applyRoster(signed);
      this.mesh?.broadcast(encodeMessage('roster', { roster: signed }));
    });
  }

  private mediaStateMessage(): string {
    return encodeMessage('media-state', {
      audio: this.deps.media.isOn('audio'),
      video: this.deps.media.isOn('video'),
    });
  }

  private isEnded(): boolean {
    return this._state.phase === 'ended';
  }

  private setPhase(phase: Exclude<MeetingPhase, 'ended'>): void {
    if (this.isEnded() || this._state.phase === phase) return;
    this._state = { phase, error: null };
    this.events.emit('state', this._state);
  }

  private end(error: ConclaveError | null): void {
    if (this.isEnded()) return;
    this._state = { phase: 'ended', error };
    // Whatever throws on the way, every step runs and the meeting ends (the devices stop on it).
    const cleanups = [
      () => this.stopListeningToMedia(),
      () => this.mesh?.close(),
      () => this.transport?.destroy(),
    ];
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch (cleanupError) {
        this.log(`while ending: ${String(cleanupError)}`);
      }
    }
    this.events.emit('state', this._state);
    this.events.emit('participants', []);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
