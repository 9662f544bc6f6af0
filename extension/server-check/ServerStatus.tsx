import { useEffect, useState } from 'preact/hooks';
import { probeServer, type ServerAnswer } from './probe-server.ts';
import { describeAnswer } from './describe-answer.ts';
import './server-status.css';

/** Which signaling server the extension uses, and whether it answers right now. */
export function ServerStatus({ serverUrl }: { serverUrl: string }) {
  const [answer, setAnswer] = useState<ServerAnswer | null>(null);
  useEffect(() => {
    setAnswer(null);
    void probeServer(serverUrl).then(setAnswer);
  }, [serverUrl]);
  return (
    <p class="server-status" role="status">
      Server <strong>{hostOf(serverUrl)}</strong>:{' '}
      <span class={answer?.kind === 'answers' ? 'answers' : answer ? 'silent' : ''}>
        {answer ? describeAnswer(answer) : 'checking…'}
      </span>
    </p>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
