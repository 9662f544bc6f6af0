import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredMeeting } from '../../core/meeting/host/meeting-store.ts';
import { buildInviteLink } from '../../core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../core/protocol/limits.ts';
import { inviteOrigin } from '../../core/signaling/config.ts';
import type { Platform } from '../../platform.ts';
import { HostedElsewhere } from '../meetings/HostedElsewhere.tsx';
import { useMeetingsHostedElsewhere } from '../meetings/hosting-lock.ts';
import { useStoredList } from '../meetings/use-stored-list.ts';
import { useFocusAfterRemoval } from '../meetings/focus-after-removal.ts';
import { meetingRowNote } from './meeting-row.ts';
import { RowMenu } from './RowMenu.tsx';
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
  // Said once to screen readers after a rename or a delete.
  const [announcement, setAnnouncement] = useState('');
  const { list, heading, removed } = useFocusAfterRemoval();

  if (!meetings?.length && !problem && !announcement) return null;
  return (
    <section class="meetings-list" aria-labelledby="meetings-list-heading">
      <h2 id="meetings-list-heading" tabIndex={-1} ref={heading}>
        Your meetings
      </h2>
      {problem && <p role="alert">{problem}</p>}
      <p role="status" class="sr-only">
        {announcement}
      </p>
      {meetings?.length === 0 && <p>No meetings are kept on this device.</p>}
      <ul aria-label="Your meetings" ref={list} hidden={meetings?.length === 0}>
        {meetings?.map((meeting, index) => (
          <MeetingItem
            key={meeting.meetingId}
            meeting={meeting}
            platform={platform}
            onReopen={() => onReopen(meeting)}
            hostedElsewhere={hostedElsewhere.has(meeting.meetingId)}
            onOpenHosting={onOpenHosting && (() => onOpenHosting(meeting))}
            onRename={async (title) => {
              if (await change(() => store.rename(meeting.meetingId, title))) {
                setAnnouncement(`Renamed to ${title}.`);
              }
            }}
            onEndForGood={async () => {
              if (await change(() => store.endForGood(meeting.meetingId, Date.now()))) {
                setAnnouncement(`${meeting.title} ended for good.`);
              }
            }}
            onDelete={async () => {
              if (!(await change(() => store.delete(meeting.meetingId)))) return;
              setAnnouncement(`Deleted ${meeting.title}.`);
              removed(index, meetings.length - 1);
            }}
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
  const moreButton = useRef<HTMLButtonElement>(null);
  // A rename, a confirmation or its cancelling hands the focus back to the row's "More" button.
  const [focusMore, setFocusMore] = useState(false);
  useEffect(() => {
    if (mode !== 'idle' || !focusMore) return;
    setFocusMore(false);
    moreButton.current?.focus();
  }, [mode, focusMore]);
  const backToRow = () => {
    setMode('idle');
    setFocusMore(true);
  };

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
    if (trimmed) void props.onRename(trimmed).then(backToRow);
  };

  return (
    <li aria-label={title} class="meeting-item">
      <div class="meeting-item-head">
        <span class="meeting-title">{title}</span>
        <span class="meeting-when">{meetingRowNote(meeting)}</span>
      </div>
      {mode === 'renaming' && (
        <form onSubmit={rename} class="meeting-rename">
          <label>
            New title for {title}
            <input
              value={draft}
              maxLength={MAX_NAME_LENGTH}
              ref={focusOnMount}
              aria-describedby={`rename-hint-${meeting.meetingId}`}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && backToRow()}
            />
          </label>
          <p id={`rename-hint-${meeting.meetingId}`} class="hint">
            People you let in see this title, and their browser may keep it in its list of meetings
            they joined.
          </p>
          <button type="submit" class="primary">
            Save title
          </button>
          <button type="button" onClick={backToRow}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'confirm-end' && (
        <Confirm
          question={`End “${title}” for good? Its invite link will never work again, and it cannot be undone.`}
          confirmLabel={`Yes, end ${title} for good`}
          onConfirm={() => props.onEndForGood().then(backToRow)}
          onCancel={backToRow}
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
          onCancel={backToRow}
        />
      )}
      {mode === 'idle' && (
        <div class="meeting-actions">
          {hostKey &&
            (props.hostedElsewhere ? (
              <HostedElsewhere title={title} onOpen={props.onOpenHosting} />
            ) : (
              <button class="primary" aria-label={`Start ${title}`} onClick={props.onReopen}>
                Start
              </button>
            ))}
          {hostKey && (
            <button aria-label={`Copy invite link of ${title}`} onClick={() => void copyLink()}>
              Copy link
            </button>
          )}
          <RowMenu subject={title} buttonRef={moreButton}>
            {(close) => {
              const choose = (next: Mode) => () => {
                close();
                setDraft(title);
                setMode(next);
              };
              return (
                <>
                  <button aria-label={`Rename ${title}`} onClick={choose('renaming')}>
                    Rename
                  </button>
                  {hostKey && (
                    <button
                      class="danger-text"
                      aria-label={`End ${title} for good`}
                      onClick={choose('confirm-end')}
                    >
                      End for good
                    </button>
                  )}
                  <button
                    class="danger-text"
                    aria-label={`Delete ${title}`}
                    onClick={choose('confirm-delete')}
                  >
                    Delete
                  </button>
                </>
              );
            }}
          </RowMenu>
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

/** A control that takes the focus as it appears (what `autofocus` does only on page load). */
const focusOnMount = (element: HTMLElement | null) => element?.focus();

interface ConfirmProps {
  question: string;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onCancel(): void;
}

/** Asks before something that cannot be undone; the focus starts on "Cancel", the safe choice. */
function Confirm({ question, confirmLabel, onConfirm, onCancel }: ConfirmProps) {
  return (
    <div
      role="alertdialog"
      aria-label={question}
      class="meeting-confirm"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p>{question}</p>
      <button class="danger" onClick={() => void onConfirm()}>
        {confirmLabel}
      </button>
      <button ref={focusOnMount} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
