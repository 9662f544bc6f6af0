import { useEffect, useRef, useState } from 'preact/hooks';
import { describeAnswer } from '../server-check/describe-answer.ts';
import { probeServer } from '../server-check/probe-server.ts';

/** Asks each listed signaling server whether it answers, as a meeting would register there. */
export function TestConnection({ servers }: { servers: string[] }) {
  const [results, setResults] = useState<string[] | null>(null);
  const [testing, setTesting] = useState(false);
  // Results are of the list as it was tested: an edit of the list clears them.
  // A test still running when the list changes is of the old list: its results are dropped.
  const listed = servers.join('\n');
  const current = useRef(listed);
  current.current = listed;
  useEffect(() => setResults(null), [listed]);
  const test = async () => {
    const tested = listed;
    setTesting(true);
    setResults(null);
    try {
      const answers = await Promise.all(servers.map(probeServer));
      if (current.current !== tested) return;
      setResults(answers.map((answer, i) => `${servers[i]}: ${describeAnswer(answer)}`));
    } finally {
      setTesting(false);
    }
  };
  return (
    <div class="test-connection">
      <button type="button" disabled={testing || servers.length === 0} onClick={() => void test()}>
        Test connection
      </button>
      <div role="status">
        {testing && <p>Testing…</p>}
        {results?.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </div>
  );
}
