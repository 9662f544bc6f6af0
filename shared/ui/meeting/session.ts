import { signal, type ReadonlySignal } from '@preact/signals';
import { ConclaveError } from '../../core/errors.ts';
import type { LocalMedia, TrackKind } from '../../core/media/local-media.ts';
import type { Meeting, MeetingPhase } from '../../core/meeting/meeting.ts';
import type { Participant } from '../../core/meeting/participant.ts';
import type { ServerConnection } from '../../core/signaling/transport.ts';
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
  /** The newest signed roster's version this side holds (verified, or signed as host). */
  rosterVersion: ReadonlySignal<number>;
  chat: ChatSession;
  files: FilesSession;
  toggle(kind: TrackKind): Promise<void>;
  /** Leaves; the host's leaving ends the meeting for everyone. */
  leave(): void;
  /** The page is going away: the host's guests wait for the host instead of the meeting ending. */
  leavePage(): void;
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
  const rosterVersion = signal(meeting.rosterVersion);
  const notices = signal<string[]>([]);
  const serverConnection = signal<ServerConnection>('connected');
  const readMediaOn = () => ({ audio: media.isOn('audio'), video: media.isOn('video') });
  const mediaOn = signal(readMediaOn());
  const readAvailable = () => ({
    audio: media.isAvailable('audio'),
    video: media.isAvailable('video'),
  });
  const mediaAvailable = signal(readAvailable());
  const notify = (error: ConclaveError) => {
    notices.value = [...notices.value, error.message].slice(-MAX_NOTICES);
  };

  meeting.events.on('state', (state) => {
    phase.value = state.phase;
    endError.value = state.error;
    // Stop the devices once they have started, even when the meeting ended first.
    if (state.phase === 'ended') void mediaStart.then(() => media.stop());
  });
  meeting.events.on('participants', (list) => {
    participants.value = list;
    rosterVersion.value = meeting.rosterVersion;
  });
  meeting.events.on('notice', notify);
  meeting.events.on('server-connection', (state) => (serverConnection.value = state));
  media.events.on('track', () => (mediaOn.value = readMediaOn()));
  void mediaStart.then((problem) => {
    mediaAvailable.value = readAvailable();
    mediaOn.value = readMediaOn();
    if (problem) notify(problem);
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
    participants,
    notices,
    serverConnection,
    localStream: media.stream,
    mediaOn,
    mediaAvailable,
    inviteLink,
    chat: createChatSession(meeting, participants),
    files: createFilesSession(meeting, participants),
    async toggle(kind) {
      const error = await media.setOn(kind, !media.isOn(kind));
      if (error) notify(error);
    },
    rosterVersion,
    leave: () => leave({ endForEveryone: true }),
    leavePage: () => leave({ endForEveryone: false }),
    mediaStats: (peerId) => meeting.mediaStats(peerId),
  };
}
