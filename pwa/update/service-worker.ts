import { Workbox } from 'workbox-window';

const HOURLY = 60 * 60_000;

/**
 * Registers the service worker (it caches the app so the lobby opens offline) and calls
 * `onUpdateReady` when a new version has installed and waits. The page reloads only through the
 * `reload` it is handed, so nobody is taken out of a meeting without choosing to.
 */
export function registerServiceWorker(onUpdateReady: (reload: () => void) => void): void {
  const workbox = new Workbox('/sw.js');
  let reloading = false;
  workbox.addEventListener('waiting', () =>
    onUpdateReady(() => {
      reloading = true;
      workbox.messageSkipWaiting();
    }),
  );
  // Another tab's choice also hands control to the new worker: only the tab that asked reloads.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  void workbox.register();
  const check = () => void workbox.update().catch(() => undefined);
  setInterval(check, HOURLY);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  window.addEventListener('online', check);
}
