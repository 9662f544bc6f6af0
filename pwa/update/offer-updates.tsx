import { render } from 'preact';
import { registerServiceWorker } from './service-worker.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';

/** Registers the service worker, and offers "Reload to update" in `where` when a new version waits. */
export function offerUpdates(where: HTMLElement): void {
  registerServiceWorker((reload) => render(<UpdatePrompt onReload={reload} />, where));
}
