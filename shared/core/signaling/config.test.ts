import { describe, expect, it } from 'vitest';
import { signalingConfigForMeeting, type SignalingDeployment } from './config.ts';
import { pickSignalingServer } from './rendezvous.ts';

const deployment: SignalingDeployment = {
  serverUrl: 'https://meet.example.org/peerjs',
  signalingServers: [
    'https://meet.example.org/peerjs',
    'https://s2.example.org/peerjs',
    'https://s3.example.org/peerjs',
  ],
  iceServers: [{ urls: 'turn:turn.example.org' }],
};

describe('signaling configuration for a meeting', () => {
  it("gives the transport the rendezvous choice and the deployment's ICE servers", async () => {
    const servers = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const meetingId = i.toString(16).padStart(32, '0');
      const config = await signalingConfigForMeeting(deployment, meetingId);
      expect(config).toEqual({
        serverUrl: await pickSignalingServer(deployment.signalingServers, meetingId),
        iceServers: deployment.iceServers,
      });
      servers.add(config.serverUrl);
    }
    expect(servers.size).toBe(3);
  });
});
