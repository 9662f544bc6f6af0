import { LocalMedia } from '../../core/media/local-media.ts';
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
import { prepareChatStorage } from '../chat/chat-storage.ts';
import { createMeetingSession, type MeetingSession } from './session.ts';

export type MeetingRequest =
  { kind: 'host'; descriptor: HostDescriptor } | { kind: 'guest'; invite: Invite };

/**
 * Asks for camera and microphone (joining without them if refused), then starts the meeting.
 * Throws a readable Error only when the configuration itself is unusable.
 */
export async function startSession(
  request: MeetingRequest,
  displayName: string,
  platform: Platform,
): Promise<MeetingSession> {
  const media = new LocalMedia({
    devices: navigator.mediaDevices,
    createStream: () => new MediaStream(),
  });
  // Certificate, configuration, devices and the signaling server are independent: ask for
  // them all at once (the meeting waits for the devices before it connects to anyone).
  const meetingId =
    request.kind === 'host' ? request.descriptor.meetingId : request.invite.meetingId;
  const certificate = generateSessionCertificate();
  const mediaStart = media.start();
  let config: SignalingDeployment;
  let createTransport: TransportFactory;
  try {
    config = await platform.loadSignalingConfig();
    const signaling = await signalingConfigForMeeting(config, meetingId);
    createTransport = peerJsTransportFactory(signaling, certificate);
  } catch (error) {
    void mediaStart.then(() => media.stop()); // no meeting, so the camera light goes out
    throw error;
  }
  const chatStorage = prepareChatStorage(meetingId);
  const deps = {
    chat: chatStorage.deps,
    createTransport,
    media,
    mediaReady: mediaStart,
    log: (line: string) => console.debug(`[conclave] ${line}`),
  };
  const meeting =
    request.kind === 'host'
      ? Meeting.host(deps, request.descriptor, displayName)
      : Meeting.guest(deps, request.invite, displayName);
  chatStorage.attach(meeting);
  const inviteLink = buildInviteLink(inviteOrigin(config), meeting.invite);
  const session = createMeetingSession(meeting, media, inviteLink, mediaStart);
  void meeting.start();
  return session;
}
