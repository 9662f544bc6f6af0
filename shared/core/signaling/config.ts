export interface SignalingConfig {
  /** e.g. `https://meet.example.org/peerjs` */
  serverUrl: string;
  /** From configuration only; PeerJS's public STUN/TURN defaults are never used. */
  iceServers: RTCIceServer[];
}

/** Invite links point at the PWA our server hosts beside its PeerServer. */
export function inviteOrigin(config: SignalingConfig): string {
  return new URL(config.serverUrl).origin;
}
