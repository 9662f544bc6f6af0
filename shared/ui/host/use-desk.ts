import { useEffect, useState } from 'preact/hooks';
import type { AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';

/** Redraws the component whenever the host's lobby, keys, password or lock change. */
export function useDesk(desk: AdmissionDesk): void {
  const [, setVersion] = useState(0);
  useEffect(() => desk.events.on('changed', () => setVersion((n) => n + 1)), [desk]);
}
