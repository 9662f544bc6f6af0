import { LocalMedia } from '../../core/media/local-media.ts';
import { buildInviteLink, type Invite } from '../../core/meeting/invite.ts';
import { Meeting, type HostDescriptor } from '../../core/meeting/meeting.ts';
import { inviteOrigin, type SignalingConfig } from '../../core/signaling/config.ts';
import {
  generateSessionCertificate,
  peerJsTransportFactory,
} from '../../core/signaling/peerjs-transport.ts';
import type { TransportFactory } from '../../core/signaling/transport.ts';
import type { Platform } from '../../platform.ts';
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
  // Certificate, configuration and devices are independent: get them all at once.
  const certificate = generateSessionCertificate();
  const configLoad = platform.loadSignalingConfig();
  configLoad.catch(() => undefined); // awaited below, after the devices
  const mediaProblem = await media.start();
  let config: SignalingConfig;
  let createTransport: TransportFactory;
  try {
    config = await configLoad;
    createTransport = peerJsTransportFactory(config, certificate);
  } catch (error) {
    media.stop(); // no meeting, so the camera light goes out
    throw error;
  }
  const deps = {
    createTransport,
    media,
    log: (line: string) => console.debug(`[conclave] ${line}`),
  };
  const meeting =
    request.kind === 'host'
      ? Meeting.host(deps, request.descriptor, displayName)
      : Meeting.guest(deps, request.invite, displayName);
  const inviteLink = buildInviteLink(inviteOrigin(config), meeting.invite);
  const session = createMeetingSession(
    meeting,
    media,
    inviteLink,
    mediaProblem ? [mediaProblem.message] : [],
  );
  void meeting.start();
  return session;
}
