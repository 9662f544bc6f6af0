import { ConclaveError, ErrorCode } from '../errors.ts';
import { pickSignalingServer } from './rendezvous.ts';

/** What one transport gets: the signaling server of its meeting and how to reach peers. */
export interface SignalingConfig {
  /** e.g. `https://meet.example.org/peerjs` */
  serverUrl: string;
  /** From configuration only; PeerJS's public STUN/TURN defaults are never used. */
  iceServers: RTCIceServer[];
  /** Only TURN relay candidates: no peer learns this person's addresses. */
  relayOnly: boolean;
  /** ICE servers with fresh credentials (minted TURN credentials expire). */
  renewIceServers(): Promise<RTCIceServer[]>;
}

/**
 * What a platform knows: its own server in `serverUrl` (invite links point at its web app),
 * every signaling server of the deployment, one of which each meeting is signaled through, and
 * the ICE servers.
 */
export interface SignalingDeployment {
  serverUrl: string;
  signalingServers: string[];
  iceServers: RTCIceServer[];
}

/** The person's own choices about connecting, kept by the platform. */
export interface ConnectionPreferences {
  relayOnly: boolean;
}

/** Invite links point at the PWA our server hosts beside its PeerServer. */
export function inviteOrigin(config: Pick<SignalingConfig, 'serverUrl'>): string {
  return new URL(config.serverUrl).origin;
}

/** A TURN server the browser can allocate a relay on: a turn(s): URL and a credential. */
export function hasTurnServer(iceServers: readonly RTCIceServer[]): boolean {
  return iceServers.some(
    (server) =>
      server.username !== undefined &&
      server.credential !== undefined &&
      [server.urls].flat().some((url) => /^turns?:/i.test(url)),
  );
}

/**
 * The transport's configuration for one meeting: the server rendezvous hashing picks for it.
 * Relay-only without a TURN server could never connect: refused here, before anyone is called.
 */
export async function signalingConfigForMeeting(
  deployment: SignalingDeployment,
  meetingId: string,
  preferences: ConnectionPreferences,
  reloadDeployment: () => Promise<SignalingDeployment>,
): Promise<SignalingConfig> {
  if (preferences.relayOnly && !hasTurnServer(deployment.iceServers)) {
    throw new ConclaveError(ErrorCode.RelayUnavailable);
  }
  return {
    serverUrl: await pickSignalingServer(deployment.signalingServers, meetingId),
    iceServers: deployment.iceServers,
    relayOnly: preferences.relayOnly,
    renewIceServers: async () => (await reloadDeployment()).iceServers,
  };
}
