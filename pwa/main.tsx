import { render } from 'preact';
import { App } from '../shared/ui/App.tsx';
import { hostedMeetingFromHash } from '../shared/ui/meetings/hosted-hash.ts';
import { whenIdle } from '../shared/ui/meeting/when-idle.ts';
import '../shared/ui/styles.css';
import { pwaPlatform } from './platform.ts';

// Only an invite link's page (/join, see invitedTo) fetches the code that reads invites; the
// header painted from the HTML stays until the app renders. Should it not arrive: the lobby.
const invite =
  location.pathname === '/join'
    ? import('./shared-invite.ts').then(({ invitedTo }) => invitedTo(location)).catch(() => null)
    : Promise.resolve(null);

// The header from the HTML is painted first (the lobby's largest content, its LCP), even when
// the script is here before the first frame; a hidden tab paints no frames, hence the timer.
const painted = new Promise<void>((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve));
  setTimeout(resolve, 100);
});

void Promise.all([invite, painted]).then(([invite]) => {
  // The header painted before any script ran goes; Preact appends rather than takes it over.
  const root = document.getElementById('app')!;
  root.replaceChildren();
  render(
    <App
      platform={pwaPlatform}
      invite={invite}
      hostMeetingId={hostedMeetingFromHash(location.hash)}
    />,
    root,
  );
});

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // Off the lobby's first load: the worker registers after the page has loaded in any case.
  whenIdle(
    () =>
      void import('./update/offer-updates.tsx')
        .then(({ offerUpdates }) => offerUpdates(document.getElementById('update')!))
        .catch(() => undefined), // not fetched (offline): the next visit registers it
  );
}
