import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ConclaveError, ErrorCode } from '../../../shared/core/errors.ts';
import { parseInvite, type Invite } from '../../../shared/core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../../shared/core/protocol/limits.ts';
import type { MeetingIntent } from '../../meeting-hash.ts';
import { openMeeting } from '../../meeting-tabs/meeting-tabs.ts';
import { ServerStatus } from '../../server-check/ServerStatus.tsx';
import { extensionPlatform, joinedMeetings, loadSignaling } from '../../settings.ts';
import { inviteInActiveTab } from '../../tab-invite/tab-invite.ts';
import { bareInvite } from '../../../shared/core/meeting/joined-meeting-store.ts';
import {
  joinedMeetingsListModule,
  meetingsListModule,
} from '../../../shared/ui/app/lazy-screens.ts';
import { useLazyModule } from '../../../shared/ui/app/lazy-module.ts';
import {
  problemProps,
  ProblemText,
  type FieldProblem,
} from '../../../shared/ui/lobby/field-problem.tsx';

interface Ready {
  name: string;
  serverUrl: string;
  /** The invite link the active tab shows, if any. */
  tabInvite: Invite | null;
}

/** One click to join the meeting the tab shows, or to start one; meetings run in their own tab. */
export function Popup() {
  const [ready, setReady] = useState<Ready | null>(null);
  const [name, setName] = useState('');
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<FieldProblem<'name' | 'link'> | null>(null);
  // Both lists (and the stores under them) are fetched at once, but off the popup's first load.
  const MeetingsList = useLazyModule(meetingsListModule, true).loaded;
  const JoinedMeetingsList = useLazyModule(joinedMeetingsListModule, true).loaded;

  useEffect(() => {
    void Promise.all([
      extensionPlatform.loadDisplayName(),
      loadSignaling(),
      inviteInActiveTab().catch(() => null),
    ]).then(([savedName, signaling, tabInvite]) => {
      setName(savedName);
      setReady({ name: savedName, serverUrl: signaling.serverUrl, tabInvite });
    });
  }, []);

  const open = async (intent: MeetingIntent) => {
    const chosen = name.trim();
    if (!chosen) return setProblem({ field: 'name', text: 'Enter your name first.' });
    await extensionPlatform.saveDisplayName(chosen);
    await openMeeting(intent);
    window.close();
  };

  const joinLink = (event: Event) => {
    event.preventDefault();
    const invite = parseInvite(link);
    if (!invite) {
      return setProblem({
        field: 'link',
        text: new ConclaveError(ErrorCode.InvalidInvite).message,
      });
    }
    void open({ kind: 'join', invite });
  };

  if (!ready) return null;
  const { tabInvite } = ready;
  return (
    <main class="popup">
      <h1>Conclave</h1>
      <label>
        Your name
        <input
          value={name}
          maxLength={MAX_NAME_LENGTH}
          autocomplete="name"
          {...problemProps(problem, 'popup', 'name')}
          onInput={(e) => {
            setName(e.currentTarget.value);
            if (problem?.field === 'name') setProblem(null);
          }}
        />
      </label>
      <ProblemText problem={problem} form="popup" field="name" />
      <div class="popup-actions">
        {tabInvite && (
          <button class="primary" onClick={() => void open({ kind: 'join', invite: tabInvite })}>
            Join this meeting
          </button>
        )}
        <button class={tabInvite ? '' : 'primary'} onClick={() => void open({ kind: 'new' })}>
          New meeting
        </button>
      </div>
      <form class="popup-link" onSubmit={joinLink}>
        <label>
          Invite link
          <input
            value={link}
            placeholder="Paste a link to join"
            {...problemProps(problem, 'popup', 'link')}
            onInput={(e) => {
              setLink(e.currentTarget.value);
              if (problem?.field === 'link') setProblem(null);
            }}
          />
        </label>
        <button type="submit">Join</button>
      </form>
      <ProblemText problem={problem} form="popup" field="link" />
      <ServerStatus serverUrl={ready.serverUrl} />
      {MeetingsList && (
        <MeetingsList
          platform={extensionPlatform}
          onReopen={(m) => void open({ kind: 'host', meetingId: m.meetingId })}
          onOpenHosting={(m) => void open({ kind: 'host', meetingId: m.meetingId })}
        />
      )}
      {JoinedMeetingsList && (
        <JoinedMeetingsList
          store={joinedMeetings}
          note="Open one to come back to its tab, or to knock again: the host lets you in."
          onOpen={(m) => void open({ kind: 'join', invite: bareInvite(m) })}
        />
      )}
      <p>
        <a href={browser.runtime.getURL('/options.html')} target="_blank">
          Settings
        </a>
      </p>
    </main>
  );
}
