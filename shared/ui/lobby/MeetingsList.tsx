import { useState } from 'preact/hooks';
import type { StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import { buildInviteLink } from '../../core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../core/protocol/limits.ts';
import { inviteOrigin } from '../../core/signaling/config.ts';
import type { Platform } from '../../platform.ts';
import { HostedElsewhere } from '../meetings/HostedElsewhere.tsx';
import { useMeetingsHostedElsewhere } from '../meetings/hosting-lock.ts';
import { useStoredList } from '../meetings/use-stored-list.ts';
import './meetings-list.css';

interface MeetingsListProps {
  platform: Platform;
  /** Start this meeting again as its host, under the same link. */
  onReopen(meeting: StoredMeeting): void;
  /**
   * Brings forward the tab that hosts this meeting now; without it (a page cannot focus another
   * tab) the list only says where the meeting is.
   */
  onOpenHosting?(meeting: StoredMeeting): void;
}

/** The meetings this device hosts: start one again, rename, share its link, end or delete it. */
export function MeetingsList({ platform, onReopen, onOpenHosting }: MeetingsListProps) {
  const store = platform.meetingStore;
  const hostedElsewhere = useMeetingsHostedElsewhere();
  const {
    items: meetings,
    problem,
    change,
  } = useStoredList(store, 'Your meetings could not be read here.');

  if (!meetings?.length && !problem) return null;
  return (
    <section class="meetings-list" aria-labelledby="meetings-list-heading">
      <h2 id="meetings-list-heading">Your meetings</h2>
      {problem && <p role="alert">{problem}</p>}
      <ul aria-label="Your meetings">
        {meetings?.map((meeting) => (
          <MeetingItem
            key={meeting.meetingId}
            meeting={meeting}
            platform={platform}
            onReopen={() => onReopen(meeting)}
            hostedElsewhere={hostedElsewhere.has(meeting.meetingId)}
            onOpenHosting={onOpenHosting && (() => onOpenHosting(meeting))}
            onRename={(title) => change(() => store.rename(meeting.meetingId, title))}
            onEndForGood={() => change(() => store.endForGood(meeting.meetingId, Date.now()))}
            onDelete={() => change(() => store.delete(meeting.meetingId))}
          />
        ))}
      </ul>
    </section>
  );
}

interface MeetingItemProps {
  meeting: StoredMeeting;
  platform: Platform;
  onReopen(): void;
  /** Hosted right now in another tab or window of this browser: never started twice. */
  hostedElsewhere: boolean;
  onOpenHosting?: () => void;
  onRename(title: string): Promise<void>;
  onEndForGood(): Promise<void>;
  onDelete(): Promise<void>;
}

type Mode = 'idle' | 'renaming' | 'confirm-end' | 'confirm-delete';

function MeetingItem(props: MeetingItemProps) {
  const { meeting, platform } = props;
  const { title, hostKey } = meeting;
  const [mode, setMode] = useState<Mode>('idle');
  const [draft, setDraft] = useState(title);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  const copyLink = async () => {
    if (!hostKey) return;
    try {
      const origin = inviteOrigin(await platform.loadSignalingConfig());
      const invite = buildInviteLink(origin, {
        meetingId: meeting.meetingId,
        hostKeyDigest: hostKey.digest,
      });
      setLink(invite);
      await navigator.clipboard.writeText(invite);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const rename = (event: Event) => {
    event.preventDefault();
    const trimmed = draft.trim();
    if (trimmed) void props.onRename(trimmed).then(() => setMode('idle'));
  };

  return (
    <li aria-label={title} class="meeting-item">
      <div class="meeting-item-head">
        <span class="meeting-title">{title}</span>
        <span class="meeting-when">
          {hostKey
            ? `Last used ${new Date(meeting.lastUsedAt).toLocaleString()}`
            : 'Ended for good: its link no longer works'}
        </span>
      </div>
      {mode === 'renaming' && (
        <form onSubmit={rename} class="meeting-rename">
          <label>
            New title for {title}
            <input
              value={draft}
              maxLength={MAX_NAME_LENGTH}
              aria-describedby={`rename-hint-${meeting.meetingId}`}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
          </label>
          <p id={`rename-hint-${meeting.meetingId}`} class="hint">
            People you let in see this title, and their browser may keep it in its list of meetings
            they joined.
          </p>
          <button type="submit" class="primary">
            Save title
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'confirm-end' && (
        <Confirm
          question={`End “${title}” for good? Its invite link will never work again, and it cannot be undone.`}
          confirmLabel={`Yes, end ${title} for good`}
          onConfirm={() => props.onEndForGood().then(() => setMode('idle'))}
          onCancel={() => setMode('idle')}
        />
      )}
      {mode === 'confirm-delete' && (
        <Confirm
          question={
            hostKey
              ? `Delete “${title}” from this device? Its key goes with it, so its invite link will never work again.`
              : `Delete “${title}” from this list?`
          }
          confirmLabel={`Yes, delete ${title}`}
          onConfirm={props.onDelete}
          onCancel={() => setMode('idle')}
        />
      )}
      {mode === 'idle' && (
        <div class="meeting-actions">
          {hostKey && (
            <>
              {props.hostedElsewhere ? (
                <HostedElsewhere title={title} onOpen={props.onOpenHosting} />
              ) : (
                <button class="primary" aria-label={`Start ${title}`} onClick={props.onReopen}>
                  Start
                </button>
              )}
              <button aria-label={`Copy invite link of ${title}`} onClick={() => void copyLink()}>
                Copy link
              </button>
            </>
          )}
          <button aria-label={`Rename ${title}`} onClick={() => setMode('renaming')}>
            Rename
          </button>
          {hostKey && (
            <button aria-label={`End ${title} for good`} onClick={() => setMode('confirm-end')}>
              End for good
            </button>
          )}
          <button aria-label={`Delete ${title}`} onClick={() => setMode('confirm-delete')}>
            Delete
          </button>
        </div>
      )}
      {link && (
        <label class="meeting-link">
          Invite link of {title}
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <span role="status">
        {copied === true && 'Copied.'}
        {copied === false && 'Copy failed: select the link and copy it yourself.'}
      </span>
    </li>
  );
}

interface ConfirmProps {
  question: string;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onCancel(): void;
}

function Confirm({ question, confirmLabel, onConfirm, onCancel }: ConfirmProps) {
  return (
    <div role="alertdialog" aria-label={question} class="meeting-confirm">
      <p>{question}</p>
      <button class="danger" onClick={() => void onConfirm()}>
        {confirmLabel}
      </button>
      <button onClick={onCancel}>Cancel</button>
    </div>
  );
}
