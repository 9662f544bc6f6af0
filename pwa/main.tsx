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

void invite.then((invite) => {
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
      void import('./update/offer-updates.tsx').then(({ offerUpdates }) =>
        offerUpdates(document.getElementById('update')!),
      ),
  );
}
