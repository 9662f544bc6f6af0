import { SENSITIVE_LABELS, type Finding } from '../../core/chat/sensitive-data.ts';

interface SensitiveWarningProps {
  findings: Finding[];
  onSend(): void;
  onRedact(): void;
  onCancel(): void;
}

/** Shown before a message that looks like it holds sensitive data leaves this device. */
export function SensitiveWarning({ findings, onSend, onRedact, onCancel }: SensitiveWarningProps) {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  const serious = findings.some((f) => f.severity === 'high');
  return (
    <div
      role="alertdialog"
      aria-labelledby="sensitive-heading"
      aria-describedby="sensitive-list"
      class={serious ? 'sensitive serious' : 'sensitive'}
    >
      <h3 id="sensitive-heading">
        {serious ? 'This message may hold sensitive data' : 'Check before sending'}
      </h3>
      <ul id="sensitive-list">
        {kinds.map((kind) => (
          <li key={kind}>It looks like {SENSITIVE_LABELS[kind]}.</li>
        ))}
      </ul>
      <div class="sensitive-actions">
        <button onClick={onRedact}>Remove it and send</button>
        <button onClick={onSend}>Send as it is</button>
        <button onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
