import { render } from 'preact';
import { createHostDescriptor } from '../../../shared/core/meeting/meeting.ts';
import { App } from '../../../shared/ui/App.tsx';
import type { MeetingRequest } from '../../../shared/ui/meeting/start-session.ts';
import '../../../shared/ui/styles.css';
import { intentFromHash } from '../../meeting-hash.ts';
import { answerFocusRequests } from '../../meeting-tabs/meeting-tabs.ts';
import '../../pages.css';
import { extensionPlatform, loadDisplayName } from '../../settings.ts';

async function main() {
  const intent = intentFromHash(location.hash);
  const name = await loadDisplayName();
  let request: MeetingRequest | null = null;
  if (intent?.kind === 'new') request = { kind: 'host', descriptor: await createHostDescriptor() };
  if (intent?.kind === 'join') request = { kind: 'guest', invite: intent.invite };
  const invite = intent?.kind === 'join' ? intent.invite : null;
  // The popup and the context menu bring this tab forward rather than join twice.
  answerFocusRequests(() => invite?.meetingId ?? null);
  render(
    <App
      platform={extensionPlatform}
      invite={invite}
      autoStart={request && name ? { request, name } : null}
    />,
    document.getElementById('app')!,
  );
}

void main();
