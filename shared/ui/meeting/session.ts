import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { ConclaveError } from '../../core/errors.ts';
import type { LocalMedia, TrackKind } from '../../core/media/local-media.ts';
import type { Meeting, MeetingPhase } from '../../core/meeting/meeting.ts';
import type { Participant } from '../../core/meeting/participant.ts';
import type { Role } from '../../core/protocol/schemas.ts';
import type { ServerConnection } from '../../core/signaling/transport.ts';
import { createSessionCommands, type SessionCommands } from './session-commands.ts';
import { createChatSession, type ChatSession } from '../chat/chat-session.ts';
import { createFilesSession, type FilesSession } from '../chat/files-session.ts';

/** View state of one meeting: signals fed by core events. Components only read these. */
export interface MeetingSession {
  phase: ReadonlySignal<MeetingPhase>;
  /** Why the meeting ended, if not by our choice. */
  endError: ReadonlySignal<ConclaveError | null>;
  participants: ReadonlySignal<Participant[]>;
  /** Whether the signaling server reaches us: when not, people here stay, nobody new can join. */
  serverConnection: ReadonlySignal<ServerConnection>;
  /** Non-fatal messages for the person, newest last. */
  notices: ReadonlySignal<string[]>;
  localStream: MediaStream;
  mediaOn: ReadonlySignal<Record<TrackKind, boolean>>;
  /** Which devices we got; none until they have been asked for. */
  mediaAvailable: ReadonlySignal<Record<TrackKind, boolean>>;
  inviteLink: string;
  /** Our role on the signed roster; null before we are on one. */
  selfRole: ReadonlySignal<Role | null>;
  /** While locked, the host refuses knocks. */
  locked: ReadonlySignal<boolean>;
  commands: SessionCommands;
  chat: ChatSession;
  files: FilesSession;
  toggle(kind: TrackKind): Promise<void>;
  leave(): void;
  /** For tests and the security panel: stats of the media connection to one peer. */
  mediaStats(peerId: string): Promise<RTCStatsReport | null>;
}

const MAX_NOTICES = 5;

export function createMeetingSession(
  meeting: Meeting,
  media: LocalMedia,
  inviteLink: string,
  mediaStart: Promise<ConclaveError | null>,
): MeetingSession {
  const phase = signal<MeetingPhase>(meeting.state.phase);
  const endError = signal<ConclaveError | null>(null);
  const participants = signal<Participant[]>(meeting.participants);
  const notices = signal<string[]>([]);
  const serverConnection = signal<ServerConnection>('connected');
  const readMediaOn = () => ({ audio: media.isOn('audio'), video: media.isOn('video') });
  const mediaOn = signal(readMediaOn());
  const readAvailable = () => ({
    audio: media.isAvailable('audio'),
    video: media.isAvailable('video'),
  });
  const mediaAvailable = signal(readAvailable());
  const selfRole = computed(() => participants.value.find((p) => p.isSelf)?.role ?? null);
  const locked = signal(meeting.locked);
  const notify = (error: ConclaveError) => {
    notices.value = [...notices.value, error.message].slice(-MAX_NOTICES);
  };

  meeting.events.on('state', (state) => {
    phase.value = state.phase;
    endError.value = state.error;
    // Stop the devices once they have started, even when the meeting ended first.
    if (state.phase === 'ended') void mediaStart.then(() => media.stop());
  });
  meeting.events.on('participants', (list) => (participants.value = list));
  meeting.events.on('notice', notify);
  meeting.events.on('server-connection', (state) => (serverConnection.value = state));
  meeting.events.on('locked', (value) => (locked.value = value));
  media.events.on('track', () => (mediaOn.value = readMediaOn()));
  void mediaStart.then((problem) => {
    mediaAvailable.value = readAvailable();
    mediaOn.value = readMediaOn();
    if (problem) notify(problem);
  });

  return {
    phase,
    endError,
    participants,
    notices,
    serverConnection,
    localStream: media.stream,
    mediaOn,
    mediaAvailable,
    inviteLink,
    selfRole,
    locked,
    commands: createSessionCommands(meeting, notify),
    chat: createChatSession(meeting, participants),
    files: createFilesSession(meeting, participants),
    async toggle(kind) {
      const error = await meeting.setMediaOn(kind, !media.isOn(kind));
      if (error) notify(error);
    },
    leave() {
      try {
        meeting.leave();
      } finally {
        void mediaStart.then(() => media.stop());
      }
    },
    mediaStats: (peerId) => meeting.mediaStats(peerId),
  };
}
