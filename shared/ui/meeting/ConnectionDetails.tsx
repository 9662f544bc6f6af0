import { useEffect, useState } from 'preact/hooks';
import { summarizeStats, type ConnectionSummary } from '../../core/media/connection-stats.ts';
import type { MeetingSession } from './session.ts';

const REFRESH_MS = 1000;

interface ConnectionDetailsProps {
  name: string;
  peerId: string;
  session: Pick<MeetingSession, 'mediaStats'>;
}

/** Per-peer transport security and health, read from getStats while the panel is open. */
export function ConnectionDetails({ name, peerId, session }: ConnectionDetailsProps) {
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<ConnectionSummary | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const refresh = () =>
      void session
        .mediaStats(peerId)
        .then((report) => live && setSummary(report && summarizeStats(report)));
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [open, peerId, session]);

  return (
    <div class="details">
      <button aria-expanded={open} onClick={() => setOpen(!open)}>
        Connection details for {name}
      </button>
      {open && (
        <dl aria-label={`Connection details for ${name}`}>
          {summary ? (
            <>
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
              <dt>Frames decoded</dt>
              <dd>{summary.framesDecoded}</dd>
            </>
          ) : (
            <dd>No media connection yet.</dd>
          )}
        </dl>
      )}
    </div>
  );
}
