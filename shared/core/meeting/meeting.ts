import { randomNonce } from '../../crypto/random.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../crypto/signing.ts';
import { ChatRoom, isChatMessage, type ChatStore } from '../chat/chat-room.ts';
import { Emitter } from '../emitter.ts';
import { FileTransfers, isFileMessage } from '../files/file-transfers.ts';
import { ConclaveError, ErrorCode } from '../errors.ts';
import type { LocalMediaSource, TrackKind } from '../media/local-media.ts';
import { encodeMessage } from '../protocol/codec.ts';
import type { ReactionEmoji } from '../protocol/reactions.ts';
import type {
  CommandAction,
  Role,
  RosterBody,
  SignedRoster,
  WireMessage,
} from '../protocol/schemas.ts';
import type {
  ServerConnection,
  SignalingTransport,
  TransportFactory,
} from '../signaling/transport.ts';
import { MeetingCommands, type LobbyAction } from './commands/meeting-commands.ts';
import { GuestRoom } from './guest/guest-room.ts';
import type { GuestLobbyHooks, LobbyStatus } from './guest/lobby-wait.ts';
import { AdmissionDesk } from './host/admission-desk.ts';
import {
  defaultHostSettings,
  type AdmissionSettings,
  type HostSettings,
} from './host/admission-settings.ts';
import type { HostContinuity } from './host/host-resume.ts';
import { HostRoom } from './host/host-room.ts';
import { hostPeerId, newMeetingId } from './ids.ts';
import type { Invite } from './invite.ts';
import { holdEarlyLinks } from './early-links.ts';
import type { Log } from './link-messages.ts';
import { PeerMesh } from './mesh.ts';
import type { Participant } from './participant.ts';
import type { PeerGone, Room } from './room.ts';
import { PeerVerification } from '../verification/peer-verification.ts';
import { findMember } from './roster.ts';
import type { SecurityEvent } from './security-log/security-event.ts';
import { SecurityLog } from './security-log/security-log.ts';
import { CoHostLobby } from './waiting-room/cohost-lobby.ts';
import { HostWaitingRoom } from './waiting-room/host-waiting-room.ts';
import { LobbyShare } from './waiting-room/lobby-share.ts';
import type { WaitingRoom } from './waiting-room/waiting-room.ts';

export { MAX_PARTICIPANTS } from './host/host-room.ts';

export type MeetingPhase =
  | 'connecting'
  | 'waiting-for-host'
  | 'joining'
  | 'password-needed'
  | 'in-lobby'
  | 'in-meeting'
  /** A guest whose host said goodbye without ending the meeting (closed or reloaded the page). */
  | 'host-left'
  /** A guest whose connection to the host broke: waiting for the host to come back. */
  | 'host-lost'
  | 'ended';

export interface MeetingState {
  phase: MeetingPhase;
  /** Why the meeting ended, when it was not our own choice. */
  error: ConclaveError | null;
  /** A guest's wait for the host (phases `password-needed` and `in-lobby`). */
  lobby?: LobbyStatus & { askingPassword: boolean };
}

export interface MeetingEvents {
  state: [MeetingState];
  participants: [Participant[]];
  /** Something the person should know that does not end the meeting. */
  notice: [ConclaveError];
  /** Whether the signaling server reaches us: without it, nobody new can join. */
  'server-connection': [ServerConnection];
  /** The host locked (true) or unlocked the meeting: while locked, knocks are refused. */
  locked: [boolean];
  /** Chat and file sharing, once we are registered (our peer id and key are known). */
  chat: [ChatRoom, FileTransfers];
}

/** What the chat keeps across a reload of this tab, and where it rests meanwhile. */
export interface ChatSessionDeps {
  memberSecret: string;
  previousSelfIds: readonly string[];
  store?: ChatStore;
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
  /** The host's meetings on this device: a host's page that restarts resumes its meeting. */
  continuity?: HostContinuity;
  chat?: ChatSessionDeps;
  /**
   * A guest whose browser saw the host end this meeting: if the host is not there, it has ended
   * (say so) rather than not started yet (wait); a host who started it again lets them in.
   */
  endedBefore?: boolean;
}

export interface HostDescriptor {
  meetingId: string;
  hostKey: SigningKeyPair;
  settings: HostSettings;
}

export async function createHostDescriptor(
  settings: HostSettings = defaultHostSettings(),
): Promise<HostDescriptor> {
  return { meetingId: newMeetingId(), hostKey: await generateSigningKeyPair(), settings };
}

/** What a person is told when the host gives them a role (nobody is ever made host). */
const ROLE_NOTICE: Partial<Record<Role, ErrorCode>> = {
  'co-host': ErrorCode.NowCoHost,
  participant: ErrorCode.NowParticipant,
  viewer: ErrorCode.NowViewer,
};

type RoleConfig = { role: 'host'; descriptor: HostDescriptor } | { role: 'guest'; invite: Invite };

/**
 * One person's side of one meeting. The host's room admits guests and signs the roster; a
 * guest's room proves the host over DTLS, then joins the mesh of everyone on the signed roster.
 */
export class Meeting {
  readonly events = new Emitter<MeetingEvents>();
  readonly invite: Invite;
  private readonly hostPeerId: string;
  /** Bound to this session's signing key; known once `start` has made the key. */
  private _selfPeerId = '';
  private readonly log: Log;
  private transport: SignalingTransport | null = null;
  private mesh: PeerMesh | null = null;
  private room: Room | null = null;
  private hostRoom: HostRoom | null = null;
  /** The newest roster verified (or, on the host's side, signed). */
  private roster: RosterBody | null = null;
  private commands: MeetingCommands | null = null;
  /** The newest lock announcement, so they go out one at a time and in order. */
  private lockAnnounced: Promise<void> = Promise.resolve();
  private chat: ChatRoom | null = null;
  private files: FileTransfers | null = null;
  private stopListeningToMedia: () => void = () => undefined;
  private _state: MeetingState = { phase: 'connecting', error: null };
  private _title: string | null = null;
  /** Short authentication strings with each peer, for people who compare them. */
  readonly verification: PeerVerification;
  /** The host's admission policy, lobby and access keys; null for a guest. */
  readonly admission: AdmissionDesk | null;
  /** The host's record of admissions, refusals and alerts (this session only); null for a guest. */
  readonly securityLog: SecurityLog | null;
  /** The lobby: the host's own, or (for a co-host) the copy the host shares. */
  readonly waitingRoom: WaitingRoom;
  private readonly coHostLobby: CoHostLobby | null = null;
  private readonly lobbyShare: LobbyShare | null = null;
  private answerPassword: ((password: string | null) => void) | null = null;
  private _rosterVersion = 0;

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
    this.verification = new PeerVerification({
      meetingId: this.invite.meetingId,
      selfPeerId: () => this._selfPeerId,
      send: (peerId, text) => this.mesh?.sendMessage(peerId, text),
      fingerprints: (peerId) => this.mesh?.verifiedDataLink(peerId)?.fingerprints() ?? null,
      log: this.log,
    });
    this.admission = config.role === 'host' ? this.createDesk(config.descriptor) : null;
    this.securityLog = this.admission ? new SecurityLog(this.invite.meetingId) : null;
    if (this.admission) {
      this.admission.events.on('security', this.reportSecurity);
      this.admission.events.on('alert', (alert) =>
        this.reportSecurity({
          kind: 'alert',
          detail:
            alert.kind === 'flood'
              ? 'a flood of knocks: the meeting locked itself'
              : `repeated wrong proofs: password checks paused for ${alert.backoffMs / 1000} s`,
        }),
      );
      const room = new HostWaitingRoom(this.admission, this.reportSecurity);
      this.waitingRoom = room;
      this.lobbyShare = new LobbyShare({
        room,
        roster: () => this.roster,
        send: (peerId, text) => this.mesh?.sendMessage(peerId, text),
        log: this.log,
      });
    } else {
      this.coHostLobby = new CoHostLobby({
        decide: (action) => this.askHost(action),
        log: this.log,
      });
      this.waitingRoom = this.coHostLobby;
    }
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

  /** The title the host gave the meeting; a guest knows it once admitted (null before, or none). */
  get title(): string | null {
    return this._title;
  }

  /** The version of the newest signed roster this side has verified (or, as host, signed). */
  get rosterVersion(): number {
    return this._rosterVersion;
  }

  get participants(): Participant[] {
    return this.mesh?.participants(this.selfPeerId) ?? [];
  }

  /** Our role on the newest roster; null before we are on one. */
  get selfRole(): Role | null {
    return (this.roster && findMember(this.roster, this.selfPeerId)?.role) ?? null;
  }

  /** The host's desk holds the lock; a guest knows it from the host's signed commands. */
  get locked(): boolean {
    return this.admission?.locked ?? this.commands?.locked ?? false;
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
      const earlyLinks = holdEarlyLinks(transport);
      this.setUpCommands(identity);
      await Promise.all([transport.open(), this.deps.mediaReady]);
      if (this.isEnded()) return;
      const mesh = this.createMesh(transport);
      this.mesh = mesh;
      this.chat = this.createChat(identity, mesh);
      this.files = new FileTransfers({
        send: (peerId, message) => mesh.sendMessage(peerId, message),
        link: (peerId) => mesh.verifiedDataLink(peerId),
        log: this.log,
      });
      this.events.emit('chat', this.chat, this.files);
      transport.events.on('error', (error) => this.events.emit('notice', error));
      transport.events.on('server-connection', (up) => this.events.emit('server-connection', up));
      this.room = this.createRoom(transport, mesh);
      // Each room listens for links before its first await: held ones go to it from here.
      const starting = this.room.start();
      earlyLinks.release();
      await starting;
      // A lock kept from an earlier session of this meeting is said again (and so is its end).
      if (this.admission?.locked) this.queueLockAnnouncement();
    } catch (error) {
      this.end(
        error instanceof ConclaveError
          ? error
          : new ConclaveError(ErrorCode.ConnectionLost, { cause: error }),
      );
    }
  }

  /** Turns a device on or off; a viewer's stay off. */
  async setMediaOn(kind: TrackKind, on: boolean): Promise<ConclaveError | null> {
    if (on && this.selfRole === 'viewer') return new ConclaveError(ErrorCode.NotAllowed);
    return this.deps.media.setOn(kind, on);
  }

  /** Raises or lowers our hand, for everyone (viewers too). */
  raiseHand(raised: boolean): void {
    const mesh = this.mesh;
    if (!mesh?.own.setHand(raised)) return;
    mesh.broadcast(this.handMessage(mesh));
    this.events.emit('participants', this.participants);
  }

  /** Shows a reaction on our tile for everyone; one within REACTION_INTERVAL_MS of the last is not sent. */
  react(emoji: ReactionEmoji): void {
    const mesh = this.mesh;
    if (!mesh?.own.react(emoji)) return;
    mesh.broadcast(encodeMessage('reaction', { emoji }));
    this.events.emit('participants', this.participants);
  }

  /** Lowers someone's raised hand: their own client does it (host or co-host). */
  async lowerHand(peerId: string): Promise<void> {
    const text = await this.commandText({ kind: 'lower-hand', target: peerId });
    this.mesh?.sendMessage(peerId, text);
  }

  /** Asks someone's own client to turn its microphone off (host or co-host). */
  async askToMute(peerId: string): Promise<void> {
    const text = await this.commandText({ kind: 'ask-mute', target: peerId });
    this.mesh?.sendMessage(peerId, text);
  }

  /** A co-host's decision on a knock, signed, to the host (who alone holds the lobby). */
  private async askHost(action: LobbyAction): Promise<void> {
    const text = await this.commandText(action);
    this.mesh?.sendMessage(this.hostPeerId, text);
  }

  /** Host only: a new roster with the new role, then word to the person. */
  async setRole(peerId: string, role: Role): Promise<void> {
    const text = await this.commandText({ kind: 'set-role', target: peerId, role });
    await this.requireHostRoom().setRole(peerId, role);
    this.mesh?.broadcast(text);
  }

  /**
   * Host only: everyone drops the person at once on the signed command and on the new roster
   * without them; the host refuses their id from then on. Their own client is told, but nothing
   * depends on it.
   */
  async remove(peerId: string): Promise<void> {
    const text = await this.commandText({ kind: 'remove', target: peerId });
    this.mesh?.broadcast(text, peerId);
    await this.requireHostRoom().removeMember(peerId, text);
  }

  /**
   * Host only: locks or unlocks the admission desk (while locked, the lobby is closed); the
   * desk's change is announced to everyone on a signed command (see announceLock).
   */
  async setLocked(locked: boolean): Promise<void> {
    if (!this.admission || this.isEnded()) throw new ConclaveError(ErrorCode.NotAllowed);
    const saved = this.admission.setLocked(locked);
    await Promise.all([saved, this.lockAnnounced]);
  }

  /** Host only: ends the meeting for everyone, on a signed command. */
  async endForAll(): Promise<void> {
    const text = await this.commandText({ kind: 'end' });
    if (this.isEnded()) return;
    try {
      this.mesh?.broadcast(text);
    } finally {
      this.hostRoom?.forgetMembers();
      this.end(null);
    }
  }

  /**
   * Leaves the meeting; when the host leaves, it ends for everyone unless `endForEveryone` is
   * false (the host's page closing: the guests wait for the host). Always ends it here.
   */
  leave({ endForEveryone = true }: { endForEveryone?: boolean } = {}): void {
    if (this.isEnded()) return;
    try {
      const farewell = endForEveryone ? (this.room?.farewell ?? 'leave') : 'leave';
      this.mesh?.broadcast(encodeMessage(farewell, {}));
      if (farewell === 'end') this.hostRoom?.forgetMembers();
    } finally {
      this.end(null);
    }
  }

  /**
   * A guest's answer when asked for the meeting password; null knocks without it (and waits in
   * the lobby). The password is only used here, to make this handshake's proof.
   */
  submitPassword(password: string | null): void {
    const answer = this.answerPassword;
    this.answerPassword = null;
    if (this._state.lobby) this.setLobby(this._state.phase, { ...this._state.lobby });
    answer?.(password);
  }

  /** Stats of the media connection to one peer (DTLS state, decoded frames). */
  async mediaStats(peerId: string): Promise<RTCStatsReport | null> {
    return (await this.mesh?.mediaLink(peerId)?.getStats()) ?? null;
  }

  private setUpCommands(identity: SigningKeyPair): void {
    const commands = new MeetingCommands({
      meetingId: this.invite.meetingId,
      selfPeerId: this.selfPeerId,
      hostPeerId: this.hostPeerId,
      identity,
      isHost: this.config.role === 'host',
      roster: () => this.roster,
      hostKey: () => this.room?.hostPublicKey() ?? null,
      log: this.log,
    });
    this.commands = commands;
    const notify = (code: ErrorCode) => this.events.emit('notice', new ConclaveError(code));
    commands.events.on('asked-to-mute', () => {
      void this.deps.media.setOn('audio', false);
      notify(ErrorCode.AskedToMute);
    });
    commands.events.on('hand-lowered', () => {
      if ((this.mesh?.own.handRaisedAt ?? null) === null) return;
      this.raiseHand(false);
      notify(ErrorCode.HandLowered);
    });
    commands.events.on('removed', (peerId) => {
      if (peerId === this.selfPeerId) this.end(new ConclaveError(ErrorCode.Removed));
      else this.mesh?.ban(peerId);
    });
    commands.events.on('role-given', (role) => {
      const notice = ROLE_NOTICE[role];
      if (notice) notify(notice);
    });
    commands.events.on('locked', (locked) => {
      this.events.emit('locked', locked);
      if (this.config.role === 'guest') {
        notify(locked ? ErrorCode.MeetingLocked : ErrorCode.MeetingUnlocked);
      }
    });
    commands.events.on('ended-for-all', () => this.end(new ConclaveError(ErrorCode.HostLeft)));
    commands.events.on('ignored', (peerId, reason) =>
      this.reportSecurity({ ...this.whoIs(peerId), kind: 'command-ignored', detail: reason }),
    );
    commands.events.on('lobby-decision', (signer, action) =>
      this.lobbyShare?.handleDecision(signer, action),
    );
    // Whatever locks the desk (the host's controls, or a flood of knocks), everyone is told.
    this.admission?.events.on('changed', () => this.queueLockAnnouncement());
  }

  private queueLockAnnouncement(): void {
    this.lockAnnounced = this.lockAnnounced.then(() => this.announceLock());
  }

  /** Signs and sends `lock`/`unlock` when the desk's lock differs from what was last said. */
  private async announceLock(): Promise<void> {
    const locked = this.admission?.locked ?? false;
    if (!this.commands || this.isEnded() || locked === this.commands.locked) return;
    try {
      this.mesh?.broadcast(await this.commandText({ kind: locked ? 'lock' : 'unlock' }));
    } catch (error) {
      this.log(`could not announce the lock: ${String(error)}`);
    }
  }

  private async commandText(action: CommandAction): Promise<string> {
    if (!this.commands || this.isEnded()) throw new ConclaveError(ErrorCode.NotAllowed);
    return this.commands.issue(action);
  }

  /** The host's desk; with a meeting store, every change of its settings is kept there. */
  private createDesk({ meetingId, settings }: HostDescriptor): AdmissionDesk {
    const store = this.deps.continuity?.store;
    const save = store
      ? (admission: AdmissionSettings) =>
          store.saveAdmission(meetingId, admission).catch((error: unknown) => {
            this.log(`could not keep the admission settings: ${String(error)}`);
            this.events.emit('notice', new ConclaveError(ErrorCode.SettingsNotKept));
          })
      : null;
    return new AdmissionDesk(settings.admission, Date.now, save);
  }

  private requireHostRoom(): HostRoom {
    if (!this.hostRoom) throw new ConclaveError(ErrorCode.NotAllowed);
    return this.hostRoom;
  }

  private createChat(identity: SigningKeyPair, mesh: PeerMesh): ChatRoom {
    const chat = new ChatRoom({
      meetingId: this.invite.meetingId,
      selfPeerId: this.selfPeerId,
      selfKey: identity,
      memberSecret: this.deps.chat?.memberSecret ?? randomNonce(),
      previousSelfIds: this.deps.chat?.previousSelfIds,
      store: this.deps.chat?.store,
      send: (peerId, text) => mesh.sendMessage(peerId, text),
      log: this.log,
    });
    return chat;
  }

  private createRoom(transport: SignalingTransport, mesh: PeerMesh): Room {
    const ctx = {
      invite: this.invite,
      hostPeerId: this.hostPeerId,
      selfPeerId: this.selfPeerId,
      displayName: this.displayName,
      transport,
      mesh,
      log: this.log,
      retryDelayMs: this.deps.hostRetryDelayMs ?? 2000,
      endedBefore: this.deps.endedBefore ?? false,
      applyRoster: (roster: SignedRoster) => this.applyRoster(roster),
      setTitle: (title: string | null) => void (this._title = title),
      setPhase: (phase: Exclude<MeetingPhase, 'ended'>) => this.setPhase(phase),
      end: (error: ConclaveError | null) => this.end(error),
      isEnded: () => this.isEnded(),
    };
    if (this.config.role === 'guest') return new GuestRoom(ctx, this.lobbyHooks());
    this.hostRoom = new HostRoom(
      ctx,
      this.config.descriptor.hostKey,
      this.admission!,
      this.deps.continuity,
      this.reportSecurity,
    );
    return this.hostRoom;
  }

  private lobbyHooks(): GuestLobbyHooks {
    return {
      askPassword: (status) =>
        new Promise((resolve) => {
          this.answerPassword = resolve;
          this.setLobby(
            status.reason === 'password-needed' ? 'password-needed' : 'in-lobby',
            status,
          );
        }),
      waiting: (status) => this.setLobby('in-lobby', status),
    };
  }

  private setLobby(phase: MeetingPhase, status: LobbyStatus): void {
    if (this.isEnded()) return;
    this._state = {
      phase,
      error: null,
      lobby: { ...status, askingPassword: this.answerPassword !== null },
    };
    this.events.emit('state', this._state);
  }

  private createMesh(transport: SignalingTransport): PeerMesh {
    const mesh = new PeerMesh({
      transport,
      selfFingerprint: transport.localFingerprint,
      media: this.deps.media,
      log: this.log,
      awaitingAdmission: (peerId) => !!this.hostRoom?.isAwaitingAdmission(peerId),
    });
    mesh.events.on('changed', () => this.events.emit('participants', this.participants));
    mesh.events.on('message', (peerId, message) => this.handleMessage(peerId, message));
    mesh.events.on('binary', (peerId, data) => this.files?.handleFrame(peerId, data));
    mesh.events.on('data-ready', (peerId) => {
      mesh.sendMessage(peerId, this.mediaStateMessage());
      mesh.sendMessage(peerId, this.handMessage(mesh));
      void this.chat?.handlePeerReady(peerId);
      this.lobbyShare?.handlePeerReady(peerId);
    });
    mesh.events.on('data-closed', (peerId) => {
      this.files?.handlePeerGone(peerId);
      this.handlePeerGone(peerId, 'lost');
    });
    mesh.events.on('security-alert', (error, peerId) => {
      this.events.emit('notice', error);
      this.reportSecurity({
        ...this.whoIs(peerId),
        kind: 'fingerprint-mismatch',
        detail: 'connection closed: its fingerprint is not the one on the roster',
      });
    });
    this.stopListeningToMedia = this.deps.media.events.on('track', () => {
      mesh.broadcast(this.mediaStateMessage());
      this.events.emit('participants', this.participants);
    });
    transport.events.on('media-link', (link) => mesh.handleIncomingMedia(link));
    return mesh;
  }

  /** Host only: into this session's security log (a guest keeps none). */
  private readonly reportSecurity = (event: SecurityEvent): void => this.securityLog?.record(event);

  private whoIs(peerId: string): Pick<SecurityEvent, 'peerId' | 'name'> {
    return { peerId, name: (this.roster && findMember(this.roster, peerId)?.name) ?? undefined };
  }

  private handleMessage(peerId: string, message: WireMessage): void {
    switch (message.t) {
      case 'media-state':
        this.mesh?.setMediaState(peerId, message.audio, message.video, message.screen);
        return;
      case 'hand':
        return this.mesh?.setHand(peerId, message.raised, message.raisedMsAgo);
      case 'reaction':
        return this.mesh?.showReaction(peerId, message.emoji);
      case 'leave':
        return this.handlePeerGone(peerId, 'left');
      case 'sas-commit':
      case 'sas-nonce':
      case 'sas-reveal':
        return this.verification.handleMessage(peerId, message);
      case 'command':
        return void this.commands?.handleCommand(peerId, message.command);
      case 'lobby':
        if (peerId === this.hostPeerId && this.coHostLobby) {
          return this.coHostLobby.handleList(message.entries);
        }
        return this.log(`ignored a lobby list from ${peerId}`);
    }
    if (isChatMessage(message)) return void this.chat?.handleMessage(peerId, message);
    if (isFileMessage(message)) return this.files?.handleMessage(peerId, message);
    if (!this.room?.handleMessage(peerId, message)) this.log(`ignored ${message.t} from ${peerId}`);
  }

  private applyRoster(roster: SignedRoster): void {
    const self = findMember(roster.body, this.selfPeerId);
    // The host signed a roster without us: we were removed, whatever else reached us.
    if (!self) return this.end(new ConclaveError(ErrorCode.Removed));
    this.roster = roster.body;
    this._rosterVersion = roster.body.version;
    const memberIds = roster.body.members.map((m) => m.peerId);
    this.transport?.trustPeers(memberIds);
    this.mesh?.setRoster(roster.body);
    this.chat?.handleRoster(memberIds);
    if (self.role === 'viewer') {
      for (const kind of ['audio', 'video'] as const) void this.deps.media.setOn(kind, false);
    }
    this.lobbyShare?.sync();
  }

  private handlePeerGone(peerId: string, how: PeerGone): void {
    if (this.isEnded()) return;
    // Codes compared belong to the connection that went: the host's page comes back on another.
    this.verification.handlePeerGone(peerId);
    this.room?.handlePeerGone(peerId, how);
  }

  private handMessage(mesh: PeerMesh): string {
    const raisedAt = mesh.own.handRaisedAt;
    if (raisedAt === null) return encodeMessage('hand', { raised: false });
    return encodeMessage('hand', { raised: true, raisedMsAgo: Math.max(0, Date.now() - raisedAt) });
  }

  private mediaStateMessage(): string {
    const media = this.deps.media;
    return encodeMessage('media-state', {
      audio: media.isOn('audio'),
      video: media.liveTrack('video') !== null,
      screen: media.isSharingScreen(),
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
