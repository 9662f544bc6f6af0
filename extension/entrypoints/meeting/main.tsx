import { render } from 'preact';
import { App } from '../../../shared/ui/App.tsx';
import { hasEndedHere } from '../../../shared/ui/meetings/end-screen-here.ts';
import { meetingHostedHere } from '../../../shared/ui/meetings/hosting-lock.ts';
import { createSavedMeeting } from '../../../shared/ui/meetings/new-meeting.ts';
import type { MeetingRequest } from '../../../shared/ui/meeting/start-session.ts';
import '../../../shared/ui/styles.css';
import { intentFromHash } from '../../meeting-hash.ts';
import { answerFocusRequests } from '../../meeting-tabs/meeting-tabs.ts';
import '../../pages.css';
import { extensionPlatform, loadDisplayName } from '../../settings.ts';

async function main() {
  const intent = intentFromHash(location.hash);
  const name = await loadDisplayName();
  // A new meeting is kept at once: from here on the page hosts it as a stored meeting.
  const hostMeetingId =
    intent?.kind === 'new'
      ? (await createSavedMeeting(extensionPlatform.meetingStore)).meetingId
      : intent?.kind === 'host'
        ? intent.meetingId
        : null;
  const invite = intent?.kind === 'join' ? intent.invite : null;
  // The popup and the context menu bring this tab forward rather than join or host twice; a tab
  // that shows how its meeting ended lets them open a fresh one.
  answerFocusRequests(() =>
    invite ? (hasEndedHere(invite.meetingId) ? null : invite.meetingId) : meetingHostedHere(),
  );
  const request: MeetingRequest | null = invite ? { kind: 'guest', invite } : null;
  render(
    <App
      platform={extensionPlatform}
      invite={invite}
      autoStart={request && name ? { request, name } : null}
      hostMeetingId={name ? hostMeetingId : null}
    />,
    document.getElementById('app')!,
  );
}

void main();
