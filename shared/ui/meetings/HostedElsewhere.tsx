import './hosted-elsewhere.css';

interface HostedElsewhereProps {
  title: string;
  /** Brings the hosting tab forward (the extension can; a web page cannot). */
  onOpen?: () => void;
}

/** In place of "Start" for a meeting another tab or window of this browser hosts right now. */
export function HostedElsewhere({ title, onOpen }: HostedElsewhereProps) {
  return onOpen ? (
    <button class="primary" aria-label={`Open ${title}`} onClick={onOpen}>
      Open
    </button>
  ) : (
    <span class="hosted-elsewhere">In progress in another tab or window</span>
  );
}
