import { describe, expect, it } from 'vitest';
import { summarizeStats } from './connection-stats.ts';

describe('connection summary', () => {
  it('follows transport -> selected pair -> candidates and sums inbound RTP', () => {
    const report = new Map<string, unknown>([
      [
        'T',
        {
          id: 'T',
          type: 'transport',
          dtlsState: 'connected',
          tlsVersion: 'FEFD',
          dtlsCipher: 'TLS_AES_128_GCM_SHA256',
          srtpCipher: 'AES_CM_128_HMAC_SHA1_80',
          selectedCandidatePairId: 'P',
        },
      ],
      ['P', { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R' }],
      ['L', { id: 'L', type: 'local-candidate', candidateType: 'host' }],
      ['R', { id: 'R', type: 'remote-candidate', candidateType: 'srflx' }],
      [
        'V',
        { id: 'V', type: 'inbound-rtp', kind: 'video', framesDecoded: 120, packetsReceived: 300 },
      ],
      ['A', { id: 'A', type: 'inbound-rtp', kind: 'audio', packetsReceived: 50 }],
    ]);
    expect(summarizeStats(report)).toEqual({
      dtlsState: 'connected',
      tlsVersion: 'DTLS 1.2',
      dtlsCipher: 'TLS_AES_128_GCM_SHA256',
      srtpCipher: 'AES_CM_128_HMAC_SHA1_80',
      localCandidateType: 'host',
      remoteCandidateType: 'srflx',
      framesDecoded: 120,
      packetsReceived: 350,
    });
  });

  it('says unknown rather than guessing when there is no transport yet', () => {
    expect(summarizeStats(new Map())).toMatchObject({ dtlsState: 'unknown', framesDecoded: 0 });
  });
});
