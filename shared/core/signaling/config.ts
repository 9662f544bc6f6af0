import { pickSignalingServer } from './rendezvous.ts';

/** What one transport gets: the signaling server of its meeting and the ICE servers. */
export interface SignalingConfig {
  /** e.g. `https://meet.example.org/peerjs` */
  serverUrl: string;
  /** From configuration only; PeerJS's public STUN/TURN defaults are never used. */
  iceServers: RTCIceServer[];
}

/**
 * What a platform knows: its own server in `serverUrl` (invite links point at its web app) and
 * every signaling server of the deployment, one of which each meeting is signaled through.
 */
export interface SignalingDeployment extends SignalingConfig {
  signalingServers: string[];
}

/** Invite links point at the PWA our server hosts beside its PeerServer. */
export function inviteOrigin(config: SignalingConfig): string {
  return new URL(config.serverUrl).origin;
}

/** The transport's configuration for one meeting: the server rendezvous hashing picks for it. */
export async function signalingConfigForMeeting(
  deployment: SignalingDeployment,
  meetingId: string,
): Promise<SignalingConfig> {
  return {
    serverUrl: await pickSignalingServer(deployment.signalingServers, meetingId),
    iceServers: deployment.iceServers,
  };
}
