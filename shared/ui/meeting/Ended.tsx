import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import { useScreenHeading } from '../focus.ts';

/** Where trying again cannot help (the link or the host said no): only back to the lobby. A
 * meeting its host ended keeps "Try again": it says so (ended-meetings.ts) or finds it restarted. */
const NO_RETRY: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.HostCheckFailed,
  ErrorCode.Intercepted,
  ErrorCode.InvalidInvite,
  ErrorCode.Denied,
  ErrorCode.Removed,
  ErrorCode.InsecureServer,
  ErrorCode.BrowserUnsupported,
]);

const TITLES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.HostLeft]: 'The meeting has ended',
  [ErrorCode.HostCheckFailed]: 'This link could not be trusted',
  [ErrorCode.Intercepted]: 'Connection stopped for your safety',
  [ErrorCode.Denied]: 'You were not let in',
  [ErrorCode.Removed]: 'You were removed',
  [ErrorCode.MeetingFull]: 'This meeting is full',
  [ErrorCode.HostingElsewhere]: 'Already open in another tab',
};

interface EndedProps {
  /** Why; null when the person left by choice. */
  error: unknown;
  /** The host ended it for everyone, from this screen. */
  endedForAll?: boolean;
  onExit(): void;
  onRetry(): void;
}

export function Ended({ error, endedForAll = false, onExit, onRetry }: EndedProps) {
  const heading = useScreenHeading();
  const known = error instanceof ConclaveError ? error : null;
  const message = known
    ? known.plainMessage
    : error instanceof Error
      ? error.message
      : error
        ? String(error)
        : null;
  const title = !error
    ? endedForAll
      ? 'You ended the meeting for everyone'
      : 'You left the meeting'
    : ((known && TITLES[known.code]) ?? 'Could not stay in the meeting');
  const canRetry = !!error && !(known && NO_RETRY.has(known.code));
  // A meeting its host ended is news, not a failure: said calmly, and back to the lobby first.
  const hostEnded = known?.code === ErrorCode.HostLeft;
  const retryFirst = canRetry && !hostEnded;
  const retry = (
    <button class={retryFirst ? 'primary' : ''} onClick={onRetry}>
      Try again
    </button>
  );
  return (
    <main class="ended">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {message && !hostEnded ? (
        <p role="alert">{message}</p>
      ) : (
        <p role="status">{message ?? `${title}.`}</p>
      )}
      <div class="ended-actions">
        {retryFirst && retry}
        <button class={retryFirst ? '' : 'primary'} onClick={onExit}>
          Back to lobby
        </button>
        {canRetry && !retryFirst && retry}
      </div>
    </main>
  );
}
