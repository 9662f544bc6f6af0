import { describe, expect, it } from 'vitest';
import { ConclaveError, ErrorCode } from '../errors.ts';
import { hasTurnServer, signalingConfigForMeeting, type SignalingDeployment } from './config.ts';
import { pickSignalingServer } from './rendezvous.ts';

const TURN = { urls: 'turn:turn.example.org', username: '1790003600:abc', credential: 'c2ln' };
const deployment: SignalingDeployment = {
  serverUrl: 'https://meet.example.org/peerjs',
  signalingServers: [
    'https://meet.example.org/peerjs',
    'https://s2.example.org/peerjs',
    'https://s3.example.org/peerjs',
  ],
  iceServers: [TURN],
};
const MEETING = '0'.repeat(32);
const FRESH = [{ ...TURN, username: '1790007200:def' }];
const reload = () => Promise.resolve({ ...deployment, iceServers: FRESH });

describe('signaling configuration for a meeting', () => {
  it("gives the transport the rendezvous choice and the deployment's ICE servers", async () => {
    const servers = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const meetingId = i.toString(16).padStart(32, '0');
      const config = await signalingConfigForMeeting(
        deployment,
        meetingId,
        { relayOnly: false },
        reload,
      );
      expect(config).toMatchObject({
        serverUrl: await pickSignalingServer(deployment.signalingServers, meetingId),
        iceServers: deployment.iceServers,
        relayOnly: false,
      });
      servers.add(config.serverUrl);
    }
    expect(servers.size).toBe(3);
  });

  it('carries relay-only to the transport when a TURN server is there', async () => {
    const config = await signalingConfigForMeeting(
      deployment,
      MEETING,
      { relayOnly: true },
      reload,
    );
    expect(config.relayOnly).toBe(true);
  });

  it('renews the ICE servers from the platform, for credentials that expire', async () => {
    const config = await signalingConfigForMeeting(
      deployment,
      MEETING,
      { relayOnly: false },
      reload,
    );
    expect(await config.renewIceServers()).toEqual(FRESH);
  });

  it('refuses relay-only without a TURN server, before anyone is called', async () => {
    const withoutTurn = [
      [],
      [{ urls: 'stun:stun.example.org' }],
      [{ urls: 'turn:turn.example.org' }],
      [{ urls: ['stun:s.example.org', 'turns:t.example.org'], username: 'u' }],
    ];
    for (const iceServers of withoutTurn) {
      const attempt = signalingConfigForMeeting(
        { ...deployment, iceServers },
        MEETING,
        { relayOnly: true },
        reload,
      );
      await expect(attempt).rejects.toThrow(ConclaveError);
      await expect(attempt).rejects.toMatchObject({ code: ErrorCode.RelayUnavailable });
      expect(
        await signalingConfigForMeeting(
          { ...deployment, iceServers },
          MEETING,
          { relayOnly: false },
          reload,
        ),
      ).toMatchObject({ relayOnly: false });
    }
  });

  it('counts a TURN server among several URLs of one entry', () => {
    expect(
      hasTurnServer([
        { urls: ['stun:s.example', 'turns:t.example:5349'], username: 'u', credential: 'p' },
      ]),
    ).toBe(true);
    expect(hasTurnServer([{ urls: 'stun:s.example', username: 'u', credential: 'p' }])).toBe(false);
  });
});
