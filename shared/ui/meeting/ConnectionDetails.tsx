import { useEffect, useState } from 'preact/hooks';
import { summarizeStats, type ConnectionSummary } from '../../core/media/connection-stats.ts';
import type { MeetingSession } from './session.ts';

const REFRESH_MS = 1000;

const ROUTE_WORDS: Record<string, string> = {
  host: 'direct',
  srflx: 'direct (through a NAT)',
  prflx: 'direct (through a NAT)',
  relay: 'relayed (TURN)',
};

interface ConnectionDetailsProps {
  name: string;
  peerId: string;
  session: Pick<MeetingSession, 'mediaStats'>;
}

/** Per-peer transport security and health, read from getStats while it is shown. */
export function ConnectionDetails({ name, peerId, session }: ConnectionDetailsProps) {
  const [read, setRead] = useState<{ peerId: string; summary: ConnectionSummary | null }>();
  // The panel may stay mounted while it turns to another person: never show the last one's.
  const summary = read?.peerId === peerId ? read.summary : null;

  useEffect(() => {
    let live = true;
    const refresh = () =>
      void session
        .mediaStats(peerId)
        .then((report) => live && setRead({ peerId, summary: report && summarizeStats(report) }));
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [peerId, session]);

  const route = (type: string) => ROUTE_WORDS[type] ?? type;
  const relayed = (s: ConnectionSummary) =>
    s.localCandidateType === 'relay' || s.remoteCandidateType === 'relay';
  return (
    <section class="details" aria-labelledby={`details-${peerId}`}>
      <h3 id={`details-${peerId}`}>Connection</h3>
      {summary ? (
        <dl aria-label={`Connection details for ${name}`}>
          <dt>DTLS</dt>
          <dd>{summary.dtlsState}</dd>
          <dt>DTLS cipher</dt>
          <dd>
            {summary.tlsVersion} {summary.dtlsCipher}
          </dd>
          <dt>SRTP cipher</dt>
          <dd>{summary.srtpCipher}</dd>
          <dt>Route</dt>
          <dd>
            {summary.localCandidateType} to {summary.remoteCandidateType}
          </dd>
          <dt>Relay or direct</dt>
          <dd>{relayed(summary) ? ROUTE_WORDS.relay : route(summary.localCandidateType)}</dd>
          <dt>Frames decoded</dt>
          <dd>{summary.framesDecoded}</dd>
        </dl>
      ) : (
        <p>No media connection yet.</p>
      )}
    </section>
  );
}
