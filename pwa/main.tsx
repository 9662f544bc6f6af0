import { render } from 'preact';
import { Workbox } from 'workbox-window';
import { parseInvite } from '../shared/core/meeting/invite.ts';
import { App } from '../shared/ui/App.tsx';
import { hostedMeetingFromHash } from '../shared/ui/meetings/hosted-hash.ts';
import '../shared/ui/styles.css';
import { pwaPlatform } from './platform.ts';

const invite = location.pathname === '/join' ? parseInvite(location.hash) : null;
render(
  <App
    platform={pwaPlatform}
    invite={invite}
    hostMeetingId={hostedMeetingFromHash(location.hash)}
  />,
  document.getElementById('app')!,
);

// The service worker caches the app shell so the lobby opens offline.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void new Workbox('/sw.js').register();
}
