import { hmac } from '../../crypto/hmac.ts';
import { randomBytes } from '../../crypto/random.ts';
import { toBase64Url } from '../../crypto/encoding.ts';
import type { SigningKeyPair } from '../../crypto/signing.ts';
import { Emitter } from '../emitter.ts';
import { TokenBucket, type Rate } from '../token-bucket.ts';
import type { Log } from '../meeting/link-messages.ts';
import { encodeMessage } from '../protocol/codec.ts';
import {
  MAX_CHAT_TEXT,
  MAX_HISTORY_BATCH,
  MAX_MESSAGE_CHARS,
  type ChatEnvelope,
  type WireMessage,
} from '../protocol/schemas.ts';
import { signChat, verifyChat } from './chat-signature.ts';

/** The most messages kept and given back to someone who rejoins. */
export const MAX_CHAT_HISTORY = 1000;
/** Resume keys remembered from peers who may come back after a reload. */
const MAX_RESUME_KEYS = 50;
/** What one peer may send us: more than anyone types; a flood is dropped, unacknowledged. */
export const CHAT_RATE: Rate = { perSecond: 5, burst: 20 };

/** Where messages rest while the session lasts (encrypted by the UI's vault). */
export interface ChatStore {
  put(id: string, message: ChatEnvelope): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface ChatDeps {
  meetingId: string;
  selfPeerId: string;
  /** The session key our peer id is bound to: every message we send is signed with it. */
  selfKey: SigningKeyPair;
  /**
   * A secret kept for this tab's session only (survives a reload, not the session): from it
   * we give each peer a key we can present again after a reload to get the history back.
   */
  memberSecret: string;
  /** Our peer ids before reloads in this tab: history given back for them is ours. */
  previousSelfIds?: readonly string[];
  /** Sends over the roster-verified data link to one peer (dropped when there is none). */
  send(peerId: string, text: string): void;
  store?: ChatStore;
  log: Log;
  now?: () => number;
}

export interface ChatEvents {
  changed: [];
}

export type ChatMessageType = 'chat' | 'chat-ack' | 'chat-hello' | 'chat-history';

export function isChatMessage(
  message: WireMessage,
): message is Extract<WireMessage, { t: ChatMessageType }> {
  return (
    message.t === 'chat' ||
    message.t === 'chat-ack' ||
    message.t === 'chat-hello' ||
    message.t === 'chat-history'
  );
}

/**
 * Chat over the verified data channels. Every message has an id and is signed by its sender;
 * each recipient acknowledges it, and what is unacknowledged goes again when that peer's link
 * is verified anew. Duplicates are dropped; everyone shows the same order (Lamport clock, then
 * sender, then id). Private messages go to their one recipient only.
 */
export class ChatRoom {
  readonly events = new Emitter<ChatEvents>();
  private readonly byId = new Map<string, ChatEnvelope>();
  /** Our messages each peer has not acknowledged yet. */
  private readonly unacked = new Map<string, Set<string>>();
  /** Resume keys peers gave us, by the peer id they had then. */
  private readonly resumeKeys = new Map<string, string>();
  /** Peer ids we had before a reload (from the history given back to us). */
  private readonly previousSelfIds: ReadonlySet<string>;
  private readonly rates = new Map<string, TokenBucket>();
  /** History messages each peer has given us: never more than a whole history each. */
  private readonly historyTaken = new Map<string, number>();
  private clock = 0;

  constructor(private readonly deps: ChatDeps) {
    this.previousSelfIds = new Set(deps.previousSelfIds);
  }

  /** Everything in the order everyone sees. */
  get messages(): ChatEnvelope[] {
    return [...this.byId.values()].sort(compareMessages);
  }

  /** Whether `peerId` is us, now or before a reload. */
  isSelf(peerId: string): boolean {
    return peerId === this.deps.selfPeerId || this.previousSelfIds.has(peerId);
  }

  /** Who has not acknowledged one of our messages yet. */
  awaitingAck(messageId: string): string[] {
    return [...this.unacked].filter(([, ids]) => ids.has(messageId)).map(([peerId]) => peerId);
  }

  /**
   * Sends to everyone in `recipients` (everyone on the roster but us), or privately to `to`.
   * Resolves with the message as sent.
   */
  async send(
    text: string,
    recipients: readonly string[],
    to: string | null,
  ): Promise<ChatEnvelope> {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > MAX_CHAT_TEXT) throw new RangeError('chat text out of range');
    this.clock += 1;
    const envelope = await signChat(this.deps.meetingId, this.deps.selfKey, {
      id: toBase64Url(randomBytes(16)),
      from: this.deps.selfPeerId,
      to,
      text: trimmed,
      clock: this.clock,
      at: Math.floor((this.deps.now ?? Date.now)()),
    });
    this.keep(envelope);
    const targets = to ? [to] : recipients.filter((id) => id !== this.deps.selfPeerId);
    for (const peerId of targets) {
      this.unackedFor(peerId).add(envelope.id);
      this.deps.send(peerId, encodeMessage('chat', { m: envelope }));
    }
    return envelope;
  }

  /** A data link to `peerId` was verified (first time or again): hello, then what it missed. */
  async handlePeerReady(peerId: string): Promise<void> {
    const resumeKey = await hmac(
      this.deps.memberSecret,
      `conclave-chat-resume/v1|${this.deps.meetingId}|${peerId}`,
    );
    this.deps.send(peerId, encodeMessage('chat-hello', { resumeKey }));
    for (const id of this.unacked.get(peerId) ?? []) {
      const envelope = this.byId.get(id);
      if (envelope) this.deps.send(peerId, encodeMessage('chat', { m: envelope }));
    }
  }

  /** Forgets what was owed to peers no longer on the roster. */
  handleRoster(memberIds: readonly string[]): void {
    const members = new Set(memberIds);
    for (const peerId of this.unacked.keys()) if (!members.has(peerId)) this.unacked.delete(peerId);
    for (const peerId of this.rates.keys()) if (!members.has(peerId)) this.rates.delete(peerId);
  }

  async handleMessage(
    peerId: string,
    message: Extract<WireMessage, { t: ChatMessageType }>,
  ): Promise<void> {
    switch (message.t) {
      case 'chat':
        return this.handleChat(peerId, message.m);
      case 'chat-ack':
        this.unacked.get(peerId)?.delete(message.id);
        return;
      case 'chat-hello':
        return this.handleHello(peerId, message.resumeKey);
      case 'chat-history':
        return this.handleHistory(peerId, message.previousPeerId, message.messages);
    }
  }

  private async handleChat(peerId: string, envelope: ChatEnvelope): Promise<void> {
    const addressedToUs = envelope.to === null || envelope.to === this.deps.selfPeerId;
    if (envelope.from !== peerId || !addressedToUs) {
      this.deps.log(`dropped chat from ${peerId}: not theirs or not for us`);
      return;
    }
    if (!this.byId.has(envelope.id)) {
      if (!this.withinRate(peerId)) {
        this.deps.log(`dropped chat from ${peerId}: too fast`);
        return;
      }
      if (!(await verifyChat(this.deps.meetingId, envelope))) {
        this.deps.log(`dropped chat from ${peerId}: bad signature`);
        return;
      }
      this.keep(envelope);
    }
    this.deps.send(peerId, encodeMessage('chat-ack', { id: envelope.id }));
  }

  /**
   * A peer's resume key: remembered; and when it is one an earlier peer id gave us, that person
   * reloaded, so they get back what they could see.
   */
  private async handleHello(peerId: string, resumeKey: string): Promise<void> {
    const previous = [...this.resumeKeys].find(
      ([id, key]) => key === resumeKey && id !== peerId,
    )?.[0];
    this.resumeKeys.delete(previous ?? peerId);
    this.resumeKeys.set(peerId, resumeKey);
    while (this.resumeKeys.size > MAX_RESUME_KEYS) {
      this.resumeKeys.delete(this.resumeKeys.keys().next().value!);
    }
    if (!previous) return;
    const visible = this.messages.filter(
      (m) => m.to === null || m.to === previous || m.from === previous,
    );
    for (const batch of historyBatches(previous, visible)) this.deps.send(peerId, batch);
  }

  private async handleHistory(
    peerId: string,
    previousPeerId: string,
    messages: ChatEnvelope[],
  ): Promise<void> {
    if (!this.previousSelfIds.has(previousPeerId)) {
      this.deps.log(`dropped history from ${peerId}: not for a peer id we had`);
      return;
    }
    for (const envelope of messages) {
      const taken = (this.historyTaken.get(peerId) ?? 0) + 1;
      this.historyTaken.set(peerId, taken);
      if (taken > MAX_CHAT_HISTORY) return;
      if (this.byId.has(envelope.id)) continue;
      const ours =
        envelope.to === null || envelope.to === previousPeerId || envelope.from === previousPeerId;
      if (!ours || !(await verifyChat(this.deps.meetingId, envelope))) {
        this.deps.log(`dropped a history message from ${peerId}`);
        continue;
      }
      this.keep(envelope);
    }
  }

  private withinRate(peerId: string): boolean {
    const now = (this.deps.now ?? Date.now)();
    let bucket = this.rates.get(peerId);
    if (!bucket) this.rates.set(peerId, (bucket = new TokenBucket(CHAT_RATE, now)));
    return bucket.take(CHAT_RATE, 1, now);
  }

  /** Keeps a message (in memory and at rest); past MAX_CHAT_HISTORY the oldest goes from both. */
  private keep(envelope: ChatEnvelope): void {
    this.clock = Math.max(this.clock, envelope.clock);
    this.byId.set(envelope.id, envelope);
    const stored = this.deps.store?.put(envelope.id, envelope);
    if (this.byId.size > MAX_CHAT_HISTORY) {
      const oldest = this.messages[0];
      if (oldest) {
        this.byId.delete(oldest.id);
        void stored?.then(() => this.deps.store?.delete(oldest.id));
      }
    }
    void stored?.catch((error: unknown) => {
      this.deps.log(`could not store a chat message: ${String(error)}`);
    });
    this.events.emit('changed');
  }

  private unackedFor(peerId: string): Set<string> {
    let ids = this.unacked.get(peerId);
    if (!ids) this.unacked.set(peerId, (ids = new Set()));
    return ids;
  }
}

function compareMessages(a: ChatEnvelope, b: ChatEnvelope): number {
  return a.clock - b.clock || a.from.localeCompare(b.from) || a.id.localeCompare(b.id);
}

/** `chat-history` wire messages, each under the size every receiver accepts. */
function historyBatches(previousPeerId: string, messages: ChatEnvelope[]): string[] {
  const batches: string[] = [];
  let batch: ChatEnvelope[] = [];
  const encode = (list: ChatEnvelope[]) =>
    encodeMessage('chat-history', { previousPeerId, messages: list });
  for (const message of messages) {
    const next = [...batch, message];
    if (
      batch.length &&
      (next.length > MAX_HISTORY_BATCH || encode(next).length > MAX_MESSAGE_CHARS)
    ) {
      batches.push(encode(batch));
      batch = [message];
    } else batch = next;
  }
  if (batch.length) batches.push(encode(batch));
  return batches;
}
