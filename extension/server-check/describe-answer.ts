import type { ServerAnswer } from './probe-server.ts';

/** A server's answer in words, after "Server example.org: ". */
export function describeAnswer(answer: ServerAnswer): string {
  switch (answer.kind) {
    case 'answers':
      return 'answers';
    case 'refuses':
      return `refuses connections (${answer.reason})`;
    case 'silent':
      return 'does not answer (unreachable, or it does not accept this extension)';
    case 'invalid':
      return answer.reason;
  }
}
