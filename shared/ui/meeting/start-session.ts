import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import type { LocalMedia } from '../../core/media/local-media.ts';
import { buildInviteLink, type Invite } from '../../core/meeting/invite.ts';
import { Meeting, type HostDescriptor } from '../../core/meeting/meeting.ts';
import {
  inviteOrigin,
  signalingConfigForMeeting,
  type SignalingDeployment,
} from '../../core/signaling/config.ts';
import {
  generateSessionCertificate,
  peerJsTransportFactory,
} from '../../core/signaling/peerjs-transport.ts';
import type { TransportFactory } from '../../core/signaling/transport.ts';
import type { Platform } from '../../platform.ts';
import { forgetEndedMeeting, hasMeetingEnded, rememberEndedMeeting } from './ended-meetings.ts';
import { rememberWhenAdmitted } from '../meetings/joined-meetings.ts';
import { trackMeetingEnd } from '../meetings/end-screen-here.ts';
import { prepareChatStorage } from '../chat/chat-storage.ts';
import { holdHostingLock } from '../meetings/hosting-lock.ts';
import { createMeetingSession, type MeetingSession } from './session.ts';

export type MeetingRequest =
  { kind: 'host'; descriptor: HostDescriptor } | { kind: 'guest'; invite: Invite };

/** Camera and microphone as the pre-join screen left them (already asked for). */
export interface PreparedMedia {
  media: LocalMedia;
  /** Settles once they have been asked for: why one or both are missing, or null. */
  started: Promise<ConclaveError | null>;
}

/**
 * Starts the meeting with the devices from the pre-join screen. Throws a readable Error only
 * when the configuration itself is unusable (and then stops the devices).
 */
export async function startSession(
  request: MeetingRequest,
  displayName: string,
  platform: Platform,
  { media, started: mediaStart }: PreparedMedia,
): Promise<MeetingSession> {
  const meetingId =
    request.kind === 'host' ? request.descriptor.meetingId : request.invite.meetingId;
  // Certificate, configuration, devices and the signaling server are independent: ask for
  // them all at once (the meeting waits for the devices before it connects to anyone).
  const certificate = generateSessionCertificate();
  let config: SignalingDeployment;
  let createTransport: TransportFactory;
  let releaseHosting: () => void = () => undefined;
  try {
    // One page per device hosts a meeting: a second one would take it over from the first.
    if (request.kind === 'host') releaseHosting = await holdHostingLock(meetingId);
    let relayOnly: boolean;
    [config, relayOnly] = await Promise.all([
      platform.loadSignalingConfig(),
      platform.loadRelayOnly(),
    ]);
    const signaling = await signalingConfigForMeeting(config, meetingId, { relayOnly }, () =>
      platform.loadSignalingConfig(),
    );
    createTransport = peerJsTransportFactory(signaling, certificate);
  } catch (error) {
    void mediaStart.then(() => media.stop()); // no meeting, so the camera light goes out
    releaseHosting();
    throw error;
  }
  const chatStorage = prepareChatStorage(meetingId);
  const deps = {
    chat: chatStorage.deps,
    createTransport,
    media,
    mediaReady: mediaStart,
    log: (line: string) => console.debug(`[conclave] ${line}`),
    continuity: request.kind === 'host' ? { store: platform.meetingStore } : undefined,
    endedBefore: request.kind === 'guest' && hasMeetingEnded(meetingId),
  };
  if (request.kind === 'host') {
    // Only the lobby's list reads it ("Last used", and its order).
    void platform.meetingStore.markUsed(meetingId, Date.now()).catch(() => undefined);
  }
  const meeting =
    request.kind === 'host'
      ? Meeting.host(deps, request.descriptor, displayName)
      : Meeting.guest(deps, request.invite, displayName);
  chatStorage.attach(meeting);
  trackMeetingEnd(meeting);
  if (request.kind === 'guest' && platform.joinedMeetings) {
    rememberWhenAdmitted(meeting, platform.joinedMeetings);
  }
  const inviteLink = buildInviteLink(inviteOrigin(config), meeting.invite);
  meeting.events.on('state', ({ phase, error }) => {
    if (error?.code === ErrorCode.HostLeft) rememberEndedMeeting(meetingId);
    if (phase === 'in-meeting') forgetEndedMeeting(meetingId); // its host started it again
    if (phase === 'ended') releaseHosting();
  });
  addEventListener('pagehide', releaseHosting, { once: true });
  const session = createMeetingSession(
    meeting,
    media,
    inviteLink,
    mediaStart,
    request.kind === 'host',
  );
  void meeting.start();
  return session;
}
