/** What a person (or a test) wants to know about one media connection. */
export interface ConnectionSummary {
  dtlsState: string;
  tlsVersion: string;
  dtlsCipher: string;
  srtpCipher: string;
  localCandidateType: string;
  remoteCandidateType: string;
  framesDecoded: number;
  /** Audio and video packets received, all kinds. */
  packetsReceived: number;
}

type Stat = Record<string, unknown> & { type: string; id: string };

const text = (value: unknown) => (typeof value === 'string' ? value : 'unknown');

/** getStats reports the DTLS version as the wire code in hex. */
const DTLS_VERSIONS: Record<string, string> = {
  FEFF: 'DTLS 1.0',
  FEFD: 'DTLS 1.2',
  FEFC: 'DTLS 1.3',
};

/** Reads a getStats() report: transport -> selected pair -> candidates, plus inbound RTP. */
export function summarizeStats(report: ReadonlyMap<string, unknown>): ConnectionSummary {
  const stats = [...report.values()] as Stat[];
  const transport = stats.find((s) => s.type === 'transport');
  const pair =
    transport && (report.get(String(transport.selectedCandidatePairId)) as Stat | undefined);
  const local = pair && (report.get(String(pair.localCandidateId)) as Stat | undefined);
  const remote = pair && (report.get(String(pair.remoteCandidateId)) as Stat | undefined);
  const inbound = stats.filter((s) => s.type === 'inbound-rtp');
  return {
    dtlsState: text(transport?.dtlsState),
    tlsVersion: DTLS_VERSIONS[text(transport?.tlsVersion)] ?? text(transport?.tlsVersion),
    dtlsCipher: text(transport?.dtlsCipher),
    srtpCipher: text(transport?.srtpCipher),
    localCandidateType: text(local?.candidateType),
    remoteCandidateType: text(remote?.candidateType),
    framesDecoded: inbound.reduce((sum, s) => sum + (Number(s.framesDecoded) || 0), 0),
    packetsReceived: inbound.reduce((sum, s) => sum + (Number(s.packetsReceived) || 0), 0),
  };
}
