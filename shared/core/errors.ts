export const ErrorCode = {
  ServerUnreachable: 'server-unreachable',
  ServerRefused: 'server-refused',
  BrowserUnsupported: 'browser-unsupported',
  ClockWrong: 'clock-wrong',
  InsecureServer: 'insecure-server',
  InvalidServerAddress: 'invalid-server-address',
  HostNotPresent: 'host-not-present',
  HostCheckFailed: 'host-check-failed',
  Intercepted: 'intercepted',
  PeerCheckFailed: 'peer-check-failed',
  Denied: 'denied',
  MeetingFull: 'meeting-full',
  MeetingLocked: 'meeting-locked',
  TooManyAttempts: 'too-many-attempts',
  LobbyFull: 'lobby-full',
  LobbyTimeout: 'lobby-timeout',
  KeyRevoked: 'key-revoked',
  InvalidInvite: 'invalid-invite',
  MediaDenied: 'media-denied',
  MediaUnavailable: 'media-unavailable',
  CameraDenied: 'camera-denied',
  MicrophoneDenied: 'microphone-denied',
  CameraUnavailable: 'camera-unavailable',
  MicrophoneUnavailable: 'microphone-unavailable',
  PeerIdTaken: 'peer-id-taken',
  ProtocolViolation: 'protocol-violation',
  HostLeft: 'host-left',
  MeetingEnded: 'meeting-ended',
  Removed: 'removed',
  AskedToMute: 'asked-to-mute',
  HandLowered: 'hand-lowered',
  NowViewer: 'now-viewer',
  NowCoHost: 'now-co-host',
  NowParticipant: 'now-participant',
  MeetingUnlocked: 'meeting-unlocked',
  NotAllowed: 'not-allowed',
  ConnectionLost: 'connection-lost',
  ScreenShareUnavailable: 'screen-share-unavailable',
  RelayUnavailable: 'relay-unavailable',
  SettingsNotKept: 'settings-not-kept',
  HostingElsewhere: 'hosting-elsewhere',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const MESSAGES: Record<ErrorCode, string> = {
  'server-unreachable':
    'Cannot reach the meeting server. Check your connection or the server address in settings.',
  'server-refused': 'The meeting server refused the connection.',
  'browser-unsupported': 'This browser cannot make calls (WebRTC is not available).',
  'clock-wrong':
    'The meeting server refused the connection because this computer’s clock is off by more than 10 minutes. Set the clock right and try again.',
  'insecure-server':
    'The meeting server address must use wss:// (plain ws:// is only allowed on this computer).',
  'invalid-server-address':
    'That is not a valid server address: write it in full, like wss://meet.example.org:443/peerjs.',
  'host-not-present':
    'The host has not started this meeting yet, or it has ended. Waiting for the host…',
  'host-check-failed':
    'This meeting could not prove that it belongs to the host who sent your invite link, so Conclave stopped before sending your camera, microphone or anything else but your name. Ask the host for a fresh link.',
  intercepted:
    'This connection is being intercepted: the security check failed, so Conclave stopped before sending your camera, microphone or anything else but your name.',
  'peer-check-failed':
    'A connection to another participant failed its security check and was closed; nothing was sent or shown on it.',
  denied: 'The host did not let you in.',
  'meeting-full': 'This meeting is full.',
  'meeting-locked':
    'The meeting is locked: the host lets nobody new in without the password or a personal link.',
  'too-many-attempts':
    'Too many wrong attempts: the meeting no longer accepts you. Ask the host for a personal link.',
  'lobby-full': 'The waiting room is full. Try again in a few minutes.',
  'lobby-timeout': 'Nobody let you in, so you stopped waiting.',
  'key-revoked': 'The host withdrew your personal link, so you were removed from the meeting.',
  'invalid-invite': 'That is not a valid Conclave invite link.',
  'media-denied':
    'Camera or microphone access was denied. You joined without them; allow access in the browser to turn them on.',
  'media-unavailable': 'No camera or microphone was found. You joined without them.',
  'camera-denied':
    'Camera access is blocked for this page, so your camera stays off. Allow the camera in the browser’s site settings, then turn it on again.',
  'microphone-denied':
    'Microphone access is blocked for this page, so your microphone stays off. Allow the microphone in the browser’s site settings, then turn it on again.',
  'camera-unavailable':
    'No camera was found, or another program is using it. Your camera stays off.',
  'microphone-unavailable':
    'No microphone was found, or another program is using it. Your microphone stays off.',
  'peer-id-taken':
    'The meeting server gave this meeting’s address to another connection, so nobody new can reach you. It may be open in another window or device.',
  'protocol-violation': 'A participant sent something invalid; it was ignored.',
  'host-left': 'The host ended the meeting.',
  'meeting-ended': 'This meeting has ended: the host ended it for everyone.',
  removed: 'You were removed from the meeting.',
  'asked-to-mute':
    'The host asked you to mute. Your microphone is off; turn it back on when you are ready.',
  'hand-lowered': 'The host lowered your hand.',
  'now-viewer':
    'The host made you a viewer: you can watch, listen and chat, but your camera and microphone stay off.',
  'now-co-host': 'The host made you a co-host: you can ask people to mute.',
  'now-participant': 'The host made you a participant.',
  'meeting-unlocked': 'The host unlocked the meeting.',
  'not-allowed': 'Your role in this meeting does not allow that.',
  'connection-lost': 'The connection to the meeting was lost.',
  'screen-share-unavailable': 'This browser cannot share your screen here.',
  'relay-unavailable':
    'Relay-only mode is on, but no TURN relay is configured, so Conclave cannot connect without showing your address to the others. Turn relay-only off, or use a server that offers a TURN relay.',
  'settings-not-kept':
    'This browser could not save your last change to the meeting’s settings. It holds while this page stays open, but a reload would bring back the settings as they were (a revoked link would work again). Keep this page open, or end the meeting for good.',
  'hosting-elsewhere':
    'This meeting is already open in another tab. Carry on there, or close it there and try again.',
};

/** The one error type the core reports: a code for programs, a message for people. */
export class ConclaveError extends Error {
  readonly code: ErrorCode;
  /** The message without the technical detail: what the meeting screen shows. */
  readonly plainMessage: string;

  constructor(code: ErrorCode, options?: { cause?: unknown; detail?: string }) {
    super(options?.detail ? `${MESSAGES[code]} (${options.detail})` : MESSAGES[code], {
      cause: options?.cause,
    });
    this.name = 'ConclaveError';
    this.code = code;
    this.plainMessage = MESSAGES[code];
  }
}
