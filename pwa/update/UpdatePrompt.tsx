import { useState } from 'preact/hooks';
import './update-prompt.css';

/** Offers the new version; reloading is the person's choice (it would end a meeting). */
export function UpdatePrompt({ onReload }: { onReload: () => void }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <aside class="update-prompt" aria-label="Update">
      <p role="status">A new version of Conclave is ready. Reloading leaves any meeting.</p>
      <div class="update-prompt-actions">
        <button class="primary" onClick={onReload}>
          Reload to update
        </button>
        <button onClick={() => setDismissed(true)}>Later</button>
      </div>
    </aside>
  );
}
