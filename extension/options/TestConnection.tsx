import { useEffect, useState } from 'preact/hooks';
import { describeAnswer } from '../server-check/describe-answer.ts';
import { probeServer } from '../server-check/probe-server.ts';

/** Asks each listed signaling server whether it answers, as a meeting would register there. */
export function TestConnection({ servers }: { servers: string[] }) {
  const [results, setResults] = useState<string[] | null>(null);
  const [testing, setTesting] = useState(false);
  // Results are of the list as it was tested: an edit of the list clears them.
  const listed = servers.join('\n');
  useEffect(() => setResults(null), [listed]);
  const test = async () => {
    setTesting(true);
    setResults(null);
    const answers = await Promise.all(servers.map(probeServer));
    setResults(answers.map((answer, i) => `${servers[i]}: ${describeAnswer(answer)}`));
    setTesting(false);
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
