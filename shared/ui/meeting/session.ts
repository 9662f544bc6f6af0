import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import type { LocalMedia, TrackKind } from '../../core/media/local-media.ts';
import { hostKeyLabel } from '../../core/meeting/host-key-label.ts';
import type { AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import type { SecurityLog } from '../../core/meeting/security-log/security-log.ts';
import type { WaitingRoom } from '../../core/meeting/waiting-room/waiting-room.ts';
import type { Meeting, MeetingPhase, MeetingState } from '../../core/meeting/meeting.ts';
import type { Participant } from '../../core/meeting/participant.ts';
import type { LobbyListEntry, Role } from '../../core/protocol/schemas.ts';
import type { ServerConnection } from '../../core/signaling/transport.ts';
import type { SasState } from '../../core/verification/peer-verification.ts';
import { rosterChanges, rosterDiff } from './view-model.ts';
import type { ReactionEmoji } from '../../core/protocol/reactions.ts';
import { gestureChanges } from '../hands/gesture-changes.ts';
import { createSessionCommands, type SessionCommands } from './session-commands.ts';
import { createChatSession, type ChatSession } from '../chat/chat-session.ts';
import { createFilesSession, type FilesSession } from '../chat/files-session.ts';
import { watchWaiting } from '../host/waiting-notice/waiting-view.ts';
import { createRoomActivity, type RoomActivity } from './activity/room-activity.ts';
import { withNotice, type Notice } from './notices.ts';

/** View state of one meeting: signals fed by core events. Components only read these. */
export interface MeetingSession {
  phase: ReadonlySignal<MeetingPhase>;
  /** Why the meeting ended, if not by our choice. */
  endError: ReadonlySignal<ConclaveError | null>;
  /** This host ended it for everyone (rather than leaving alone). */
  endedForAll: ReadonlySignal<boolean>;
  participants: ReadonlySignal<Participant[]>;
  /** Whether the signaling server reaches us: when not, people here stay, nobody new can join. */
  serverConnection: ReadonlySignal<ServerConnection>;
  /** Non-fatal messages for the person, newest last. */
  notices: ReadonlySignal<readonly Notice[]>;
  /** Joins and leaves, raised hands and reactions, for the screen reader's live region (newest last). */
  announcements: ReadonlySignal<string[]>;
  /** Joins and leaves, on screen for a few seconds. */
  activity: RoomActivity;
  localStream: MediaStream;
  /** Our own screen while we share it. */
  screenStream: ReadonlySignal<MediaStream | null>;
  mediaOn: ReadonlySignal<Record<TrackKind, boolean>>;
  /** Which devices we got; none until they have been asked for. */
  mediaAvailable: ReadonlySignal<Record<TrackKind, boolean>>;
  /** The speaker chosen for everyone's audio (undefined: the system's default). */
  outputDevice: ReadonlySignal<string | undefined>;
  inviteLink: string;
  isHost: boolean;
  /** The meeting's title as its host named it; a guest learns it once admitted. */
  title: ReadonlySignal<string | null>;
  /** The short label of the host key that the pre-join screen showed. */
  hostKeyLabel: string;
  /** Peers whose short authentication string the person compared and accepted. */
  markedVerified: ReadonlySignal<ReadonlySet<string>>;
  sas(peerId: string): ReadonlySignal<SasState>;
  compare(peerId: string, again?: boolean): void;
  markVerified(peerId: string, verified: boolean): void;
  /** A guest's wait for the host: why, and whether the password is being asked for. */
  lobby: ReadonlySignal<MeetingState['lobby']>;
  submitPassword(password: string | null): void;
  /** The host's admission controls (lobby, access keys, password, lock); null for a guest. */
  admission: AdmissionDesk | null;
  /** The lobby: the host's own, or the copy a co-host gets from the host. */
  waitingRoom: WaitingRoom;
  /** Who waits in the lobby, for the host and co-hosts; empty for everyone else. */
  waiting: ReadonlySignal<readonly LobbyListEntry[]>;
  /** The host's security log for this session of the page; null for a guest. */
  securityLog: SecurityLog | null;
  /** The newest signed roster's version this side holds (verified, or signed as host). */
  rosterVersion: ReadonlySignal<number>;
  /** Our role on the signed roster; null before we are on one. */
  selfRole: ReadonlySignal<Role | null>;
  /** While locked, the host refuses knocks. */
  locked: ReadonlySignal<boolean>;
  commands: SessionCommands;
  chat: ChatSession;
  files: FilesSession;
  /** Our own hand is up. */
  handRaised: ReadonlySignal<boolean>;
  raiseHand(raised: boolean): void;
  react(emoji: ReactionEmoji): void;
  toggle(kind: TrackKind): Promise<void>;
  toggleScreenShare(): Promise<void>;
  useDevice(kind: TrackKind, deviceId: string | undefined): Promise<void>;
  deviceId(kind: TrackKind): string | undefined;
  setOutputDevice(deviceId: string | undefined): void;
  /** Says something to the person in the notices. */
  notify(text: string): void;
  /** Leaves; the host's leaving ends the meeting for everyone. */
  leave(): void;
  /** The page is going away: the host's guests wait for the host instead of the meeting ending. */
  leavePage(): void;
  /** For tests and the security panel: stats of the media connection to one peer. */
  mediaStats(peerId: string): Promise<RTCStatsReport | null>;
}

/** Lines the screen reader's live region keeps (it reads only the newest). */
const MAX_ANNOUNCEMENTS = 5;

export function createMeetingSession(
  meeting: Meeting,
  media: LocalMedia,
  inviteLink: string,
  mediaStart: Promise<ConclaveError | null>,
  isHost: boolean,
): MeetingSession {
  const phase = signal<MeetingPhase>(meeting.state.phase);
  const endError = signal<ConclaveError | null>(null);
  const endedForAll = signal(false);
  const lobby = signal<MeetingState['lobby']>(undefined);
  const title = signal(meeting.title);
  const participants = signal<Participant[]>(meeting.participants);
  const rosterVersion = signal(meeting.rosterVersion);
  const notices = signal<readonly Notice[]>([]);
  let noticeId = 0;
  const announcements = signal<string[]>([]);
  const activity = createRoomActivity();
  const serverConnection = signal<ServerConnection>('connected');
  const screenStream = signal<MediaStream | null>(null);
  const outputDevice = signal<string | undefined>(undefined);
  const markedVerified = signal<ReadonlySet<string>>(new Set());
  const sasVersion = signal(0);
  const readMediaOn = () => ({ audio: media.isOn('audio'), video: media.isOn('video') });
  const mediaOn = signal(readMediaOn());
  const readAvailable = () => ({
    audio: media.isAvailable('audio'),
    video: media.isAvailable('video'),
  });
  const mediaAvailable = signal(readAvailable());
  const selfRole = computed(() => participants.value.find((p) => p.isSelf)?.role ?? null);
  const locked = signal(meeting.locked);
  const notify = (text: string) => {
    notices.value = withNotice(notices.value, text, noticeId++);
  };
  const notifyError = (error: ConclaveError) => notify(error.plainMessage);
  const announce = (text: string) => {
    announcements.value = [...announcements.value, text].slice(-MAX_ANNOUNCEMENTS);
  };
  const mayAdmit = computed(() => isHost || selfRole.value === 'co-host');
  const commands = createSessionCommands(meeting, notifyError);

  meeting.events.on('state', (state) => {
    phase.value = state.phase;
    endError.value = state.error;
    lobby.value = state.lobby;
    title.value = meeting.title;
    // Stop the devices once they have started, even when the meeting ended first.
    if (state.phase === 'ended') void mediaStart.then(() => media.stop());
  });
  meeting.events.on('participants', (list) => {
    const diff = rosterDiff(participants.value, list);
    const changes = [...rosterChanges(diff), ...gestureChanges(participants.value, list)];
    // Everyone already there when we arrive is not news.
    if (participants.value.length > 0 && changes.length > 0 && list.length > 0) {
      // One line per event: the live region reads only the newest.
      announce(changes.join(' '));
      activity.show(diff);
    }
    participants.value = list;
    rosterVersion.value = meeting.rosterVersion;
  });
  meeting.events.on('notice', notifyError);
  meeting.events.on('server-connection', (state) => (serverConnection.value = state));
  const markVerified = (peerId: string, verified: boolean) => {
    if (markedVerified.value.has(peerId) === verified) return;
    const next = new Set(markedVerified.value);
    if (verified) next.add(peerId);
    else next.delete(peerId);
    markedVerified.value = next;
  };
  meeting.verification.events.on('changed', (peerId) => {
    sasVersion.value++;
    if (meeting.verification.state(peerId).status === 'failed') markVerified(peerId, false);
  });
  // The mark stands for the connection compared over: someone back (their page restarted, say)
  // is on a new one. Comparing again on the same connection, as anyone may ask, keeps it.
  meeting.verification.events.on('forgotten', (peerId) => markVerified(peerId, false));
  meeting.events.on('locked', (value) => (locked.value = value));
  media.events.on('track', () => {
    mediaOn.value = readMediaOn();
    mediaAvailable.value = readAvailable(); // a device missing on joining may since be found
  });
  media.events.on('screen', (track) => (screenStream.value = track && new MediaStream([track])));
  media.events.on('device-lost', (kind) => {
    const what = kind === 'audio' ? 'microphone' : 'camera';
    notify(`Your ${what} was disconnected. Trying the default ${what}…`);
    void media.replaceLost(kind).then((error) => {
      if (error) notify(`No other ${what} was found. Plug one in and turn it on again.`);
      else notify(`Now using the default ${what}.`);
    });
  });
  void mediaStart.then((problem) => {
    mediaAvailable.value = readAvailable();
    mediaOn.value = readMediaOn();
    if (problem) notifyError(problem);
  });

  const leave = (how: { endForEveryone: boolean }) => {
    try {
      meeting.leave(how);
    } finally {
      void mediaStart.then(() => media.stop());
    }
  };

  return {
    phase,
    endError,
    endedForAll,
    participants,
    notices,
    announcements,
    activity,
    serverConnection,
    localStream: media.stream,
    screenStream,
    mediaOn,
    mediaAvailable,
    outputDevice,
    inviteLink,
    isHost,
    title,
    hostKeyLabel: hostKeyLabel(meeting.invite.hostKeyDigest),
    markedVerified,
    sas: (peerId) =>
      computed(() => {
        void sasVersion.value;
        return meeting.verification.state(peerId);
      }),
    compare: (peerId, again) => meeting.verification.compare(peerId, again),
    markVerified,
    lobby,
    submitPassword: (password) => meeting.submitPassword(password),
    admission: meeting.admission,
    waitingRoom: meeting.waitingRoom,
    waiting: watchWaiting(meeting.waitingRoom, mayAdmit, announce),
    securityLog: meeting.securityLog,
    selfRole,
    locked,
    commands: {
      ...commands,
      endForAll: () => {
        endedForAll.value = true;
        commands.endForAll();
      },
    },
    chat: createChatSession(meeting, participants),
    files: createFilesSession(meeting, participants),
    handRaised: computed(() => participants.value.some((p) => p.isSelf && p.handRaisedAt !== null)),
    raiseHand: (raised) => meeting.raiseHand(raised),
    react: (emoji) => meeting.react(emoji),
    async toggle(kind) {
      const error = await meeting.setMediaOn(kind, !media.isOn(kind));
      if (error) notifyError(error);
    },
    async toggleScreenShare() {
      if (media.isSharingScreen()) return media.stopScreenShare();
      if (selfRole.value === 'viewer') return notifyError(new ConclaveError(ErrorCode.NotAllowed));
      const error = await media.startScreenShare();
      if (error) notifyError(error);
    },
    async useDevice(kind, deviceId) {
      const error = await media.useDevice(kind, deviceId);
      if (error) notifyError(error);
    },
    deviceId: (kind) => media.deviceId(kind),
    setOutputDevice: (deviceId) => (outputDevice.value = deviceId),
    notify,
    rosterVersion,
    leave: () => leave({ endForEveryone: true }),
    leavePage: () => leave({ endForEveryone: false }),
    mediaStats: (peerId) => meeting.mediaStats(peerId),
  };
}
