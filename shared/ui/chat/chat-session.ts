import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatRoom } from '../../core/chat/chat-room.ts';
import type { Meeting } from '../../core/meeting/meeting.ts';
import type { Participant } from '../../core/meeting/participant.ts';

/** One chat line as the panel shows it. */
export interface ChatLine {
  id: string;
  author: string;
  isOwn: boolean;
  /** For a private message: the other person's name (to or from us). */
  privateWith: string | null;
  text: string;
  at: number;
  /** Our own message not yet acknowledged by everyone it went to. */
  pending: boolean;
}

/** View state of the chat: signals fed by the ChatRoom; the panel only reads these. */
export interface ChatSession {
  lines: ReadonlySignal<ChatLine[]>;
  unread: ReadonlySignal<number>;
  setOpen(open: boolean): void;
  /** Resolves once signed and handed to the links; rejects with a readable Error. */
  send(text: string, to: string | null): Promise<void>;
}

export function createChatSession(
  meeting: Meeting,
  participants: ReadonlySignal<Participant[]>,
): ChatSession {
  const room = signal<ChatRoom | null>(null);
  const version = signal(0);
  const open = signal(false);
  const seen = signal(0);
  meeting.events.on('chat', (chat) => {
    room.value = chat;
    chat.events.on('changed', () => (version.value += 1));
  });

  // Names of people who left stay as they were last seen.
  const names = new Map<string, string>();
  const nameOf = (peerId: string) => names.get(peerId) ?? 'Someone who left';

  const lines = computed<ChatLine[]>(() => {
    void version.value;
    for (const p of participants.value) names.set(p.peerId, p.name);
    const chat = room.value;
    if (!chat) return [];
    return chat.messages.map((m) => {
      const isOwn = chat.isSelf(m.from);
      const other = isOwn ? m.to : m.from;
      return {
        id: m.id,
        author: isOwn ? 'You' : nameOf(m.from),
        isOwn,
        privateWith: m.to === null || other === null ? null : nameOf(other),
        text: m.text,
        at: m.at,
        pending: isOwn && chat.awaitingAck(m.id).length > 0,
      };
    });
  });
  // While the panel is open everything counts as read; closing it marks what was there as seen.
  const unread = computed(() =>
    open.value ? 0 : Math.max(0, othersCount(lines.value) - seen.value),
  );

  return {
    lines,
    unread,
    setOpen(next) {
      open.value = next;
      seen.value = othersCount(lines.value);
    },
    async send(text, to) {
      const chat = room.value;
      if (!chat) throw new Error('The chat opens once you are in the meeting.');
      const recipients = participants.value.filter((p) => !p.isSelf).map((p) => p.peerId);
      await chat.send(text, recipients, to);
    },
  };
}

function othersCount(lines: ChatLine[]): number {
  return lines.filter((line) => !line.isOwn).length;
}
