import { useEffect, useState } from 'preact/hooks';
import type { Platform } from '../../platform.ts';
import './relay-only.css';

interface RelayOnlyStatusProps {
  platform: Pick<Platform, 'loadRelayOnly'>;
}

/** Tells the person in a meeting that relay-only mode is on (the setting the meeting started with). */
export function RelayOnlyStatus({ platform }: RelayOnlyStatusProps) {
  const [on, setOn] = useState(false);

  useEffect(() => {
    void platform.loadRelayOnly().then(setOn);
  }, [platform]);

  if (!on) return null;
  return (
    <p class="relay-only-status">Relay-only mode is on: the others cannot see your IP address.</p>
  );
}
