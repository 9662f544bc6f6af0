import { randomNonce } from '../../crypto/random.ts';

const KEY_PREFIX = 'conclave-chat-member:';
const MAX_REMEMBERED_IDS = 10;

interface ChatMember {
  secret: string;
  peerIds: string[];
}

/**
 * What this tab remembers about its part in a meeting's chat across a reload: a random secret
 * (from which it proves to each peer that it is the same person) and the peer ids it had. No
 * message is kept: the history comes back from the others. sessionStorage ends with the tab.
 */
export function loadChatMember(meetingId: string): ChatMember {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY_PREFIX + meetingId) ?? 'null') as unknown;
    if (isChatMember(stored)) return stored;
  } catch {
    // Unreadable: start afresh.
  }
  const fresh = { secret: randomNonce(), peerIds: [] };
  saveChatMember(meetingId, fresh);
  return fresh;
}

export function rememberChatPeerId(meetingId: string, peerId: string): void {
  const member = loadChatMember(meetingId);
  if (member.peerIds.includes(peerId)) return;
  member.peerIds = [...member.peerIds, peerId].slice(-MAX_REMEMBERED_IDS);
  saveChatMember(meetingId, member);
}

function saveChatMember(meetingId: string, member: ChatMember): void {
  sessionStorage.setItem(KEY_PREFIX + meetingId, JSON.stringify(member));
}

function isChatMember(value: unknown): value is ChatMember {
  if (!value || typeof value !== 'object') return false;
  const { secret, peerIds } = value as Record<string, unknown>;
  return (
    typeof secret === 'string' &&
    Array.isArray(peerIds) &&
    peerIds.every((id) => typeof id === 'string')
  );
}
