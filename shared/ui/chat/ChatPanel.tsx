import { useEffect, useRef, useState } from 'preact/hooks';
import { findSensitiveData, redact, type Finding } from '../../core/chat/sensitive-data.ts';
import { MAX_CHAT_TEXT } from '../../core/protocol/schemas.ts';
import type { Participant } from '../../core/meeting/participant.ts';
import type { ChatSession } from './chat-session.ts';
import { ChatText } from './ChatText.tsx';
import { FileTransfersList } from './FileTransfersList.tsx';
import type { FilesSession } from './files-session.ts';
import { SensitiveWarning } from './SensitiveWarning.tsx';
import './chat.css';

const WARNINGS_SETTING = 'conclave-chat-sensitive-warnings';

interface ChatPanelProps {
  chat: ChatSession;
  files: FilesSession;
  participants: Participant[];
}

/** The chat toggle with its unread count, and the panel it opens. */
export function ChatPanel({ chat, files, participants }: ChatPanelProps) {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const unread = chat.unread.value;
  const toggle = (next: boolean) => {
    setOpen(next);
    chat.setOpen(next);
    if (!next) toggleRef.current?.focus();
  };
  return (
    <>
      <button
        ref={toggleRef}
        class="chat-toggle"
        aria-expanded={open}
        aria-controls="chat-panel"
        aria-label={unread > 0 ? `Chat, ${unread} unread` : 'Chat'}
        onClick={() => toggle(!open)}
      >
        Chat
        {unread > 0 && (
          <span class="chat-unread" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <ChatBox
          chat={chat}
          files={files}
          participants={participants}
          onClose={() => toggle(false)}
        />
      )}
    </>
  );
}

function ChatBox({ chat, files, participants, onClose }: ChatPanelProps & { onClose(): void }) {
  const [text, setText] = useState('');
  const [to, setTo] = useState<string>('');
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [warnings, setWarnings] = useState(() => localStorage.getItem(WARNINGS_SETTING) !== 'off');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const others = participants.filter((p) => !p.isSelf);
  const recipient = others.some((p) => p.peerId === to) ? to : '';

  useEffect(() => headingRef.current?.focus(), []);

  const send = async (body: string) => {
    setFindings(null);
    setProblem(null);
    try {
      await chat.send(body, recipient || null);
      setText('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    const found = warnings ? findSensitiveData(body) : [];
    if (found.length > 0) setFindings(found);
    else void send(body);
  };
  const offerFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setProblem(null);
    try {
      files.offer(file, recipient || null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const nameOf = (peerId: string) =>
    participants.find((p) => p.peerId === peerId)?.name ?? 'Someone who left';
  const setWarningsOn = (on: boolean) => {
    setWarnings(on);
    localStorage.setItem(WARNINGS_SETTING, on ? 'on' : 'off');
  };

  return (
    <section id="chat-panel" class="chat-panel" aria-labelledby="chat-heading">
      <header>
        <h2 id="chat-heading" tabIndex={-1} ref={headingRef}>
          Chat
        </h2>
        <button onClick={onClose}>Close chat</button>
      </header>
      <div class="chat-lines" role="log" aria-live="polite" aria-label="Messages">
        <ol>
          {chat.lines.value.map((line) => (
            <li key={line.id} class={line.isOwn ? 'own' : undefined}>
              <span class="chat-author">
                {line.author}
                {line.privateWith && (
                  <span class="chat-private">
                    {line.isOwn ? ` (privately to ${line.privateWith})` : ' (privately to you)'}
                  </span>
                )}
              </span>
              <span class="chat-text">
                <ChatText text={line.text} />
              </span>
              {line.pending && <span class="chat-pending">Sending…</span>}
            </li>
          ))}
        </ol>
      </div>
      <FileTransfersList files={files} nameOf={nameOf} />
      {findings ? (
        <SensitiveWarning
          findings={findings}
          onSend={() => void send(text.trim())}
          onRedact={() => void send(redact(text.trim(), findings))}
          onCancel={() => setFindings(null)}
        />
      ) : (
        <form class="chat-compose" onSubmit={submit}>
          <label>
            To
            <select value={recipient} onChange={(e) => setTo(e.currentTarget.value)}>
              <option value="">Everyone</option>
              {others.map((p) => (
                <option key={p.peerId} value={p.peerId}>
                  {p.name} (privately)
                </option>
              ))}
            </select>
          </label>
          <label>
            Message
            <textarea
              value={text}
              maxLength={MAX_CHAT_TEXT}
              rows={2}
              aria-describedby={problem ? 'chat-problem' : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) submit(e);
              }}
            />
          </label>
          <div class="chat-send">
            <button type="submit" class="primary">
              Send
            </button>
            <label class="file-pick">
              Send a file
              <input type="file" onChange={(e) => offerFile(e.currentTarget)} />
            </label>
          </div>
          {problem && (
            <p id="chat-problem" role="alert" class="problem">
              {problem}
            </p>
          )}
        </form>
      )}
      <label class="chat-setting">
        <input
          type="checkbox"
          checked={warnings}
          onChange={(e) => setWarningsOn(e.currentTarget.checked)}
        />
        Warn me before I send something that looks sensitive
      </label>
    </section>
  );
}
