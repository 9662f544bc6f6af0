import { suggestPassword } from '../../core/meeting/password-suggestion.ts';
import './PasswordField.css';

interface PasswordFieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
}

/** A meeting password the host can read back, with a strong suggestion one click away. */
export function PasswordField({ label, value, onInput }: PasswordFieldProps) {
  return (
    <div class="password-field">
      <label>
        {label}
        <input
          value={value}
          autocomplete="off"
          spellcheck={false}
          maxLength={128}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </label>
      <button type="button" onClick={() => onInput(suggestPassword())}>
        Suggest a strong password
      </button>
    </div>
  );
}
