import { render } from 'preact';
import { App } from '../shared/ui/App.tsx';
import { hostedMeetingFromHash } from '../shared/ui/meetings/hosted-hash.ts';
import '../shared/ui/styles.css';
import { pwaPlatform } from './platform.ts';
import { invitedTo } from './shared-invite.ts';
import { registerServiceWorker } from './update/service-worker.ts';
import { UpdatePrompt } from './update/UpdatePrompt.tsx';

// The header painted before any script ran goes; Preact appends rather than takes it over.
const root = document.getElementById('app')!;
root.replaceChildren();
render(
  <App
    platform={pwaPlatform}
    invite={invitedTo(location)}
    hostMeetingId={hostedMeetingFromHash(location.hash)}
  />,
  root,
);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  registerServiceWorker((reload) =>
    render(<UpdatePrompt onReload={reload} />, document.getElementById('update')!),
  );
}
