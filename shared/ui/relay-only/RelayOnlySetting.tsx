import { useEffect, useState } from 'preact/hooks';
import type { Platform } from '../../platform.ts';
import './relay-only.css';

interface RelayOnlySettingProps {
  platform: Pick<Platform, 'loadRelayOnly' | 'saveRelayOnly'>;
}

/** The person's switch for relay-only mode, saved on this device as soon as it changes. */
export function RelayOnlySetting({ platform }: RelayOnlySettingProps) {
  const [on, setOn] = useState<boolean | null>(null);

  useEffect(() => {
    void platform.loadRelayOnly().then(setOn);
  }, [platform]);

  const change = (checked: boolean) => {
    setOn(checked);
    void platform.saveRelayOnly(checked);
  };

  return (
    <div class="relay-only">
      <label>
        <input
          type="checkbox"
          checked={on ?? false}
          disabled={on === null}
          aria-describedby="relay-only-hint"
          onChange={(e) => change(e.currentTarget.checked)}
        />
        Relay-only mode
      </label>
      <p id="relay-only-hint" class="tagline">
        Others can’t see your IP address: audio and video go through a TURN relay, still encrypted.
      </p>
    </div>
  );
}
