import { describe, expect, it } from 'vitest';
import { sdpFingerprint } from './sdp-fingerprint.ts';

const FP =
  'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const media = (fp: string) =>
  `m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=fingerprint:sha-256 ${fp}\r\n`;

describe('sdpFingerprint', () => {
  it('reads the fingerprint every section shares', () => {
    const sdp = `v=0\r\n${media(FP)}${media(FP.toLowerCase())}`;
    expect(sdpFingerprint(sdp)).toBe(`sha-256 ${FP}`);
  });

  it('refuses two distinct fingerprints, none, or another algorithm', () => {
    expect(sdpFingerprint(`v=0\r\n${media(FP)}${media(FP.replace('AB', '00'))}`)).toBeNull();
    expect(sdpFingerprint('v=0\r\n')).toBeNull();
    expect(
      sdpFingerprint(`v=0\r\na=fingerprint:sha-1 ${FP.slice(0, 59)}\r\n${media(FP)}`),
    ).toBeNull();
  });
});
