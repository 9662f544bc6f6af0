import type { ChatEnvelope } from '../../core/protocol/schemas.ts';
import type { ChatSessionDeps, Meeting } from '../../core/meeting/meeting.ts';
import { randomId128 } from '../../crypto/random.ts';
import { ChatVault } from '../../storage/chat-vault.ts';
import { deleteStaleChatVaults } from '../../storage/stale-chat-vaults.ts';
import { loadChatMember, rememberChatPeerId } from './chat-member.ts';

/**
 * The chat's storage for one meeting session: an encrypted vault that is deleted when the
 * meeting ends here or the page goes away (and, should both be missed, at the next start), and
 * what this tab needs to get the history back after a reload.
 */
export function prepareChatStorage(meetingId: string): {
  deps: ChatSessionDeps;
  attach(meeting: Meeting): void;
} {
  const member = loadChatMember(meetingId);
  const vault = deleteStaleChatVaults()
    .then(() => ChatVault.open<ChatEnvelope>(randomId128()))
    .catch((error: unknown) => {
      // Without storage the chat still works, in memory only.
      console.debug(`[conclave] chat storage unavailable: ${String(error)}`);
      return null;
    });
  const destroy = () => void vault.then((v) => v?.destroy());
  return {
    deps: {
      memberSecret: member.secret,
      previousSelfIds: member.peerIds,
      store: {
        put: async (id, message) => (await vault)?.put(id, message),
        delete: async (id) => (await vault)?.delete(id),
      },
    },
    attach(meeting) {
      meeting.events.on('chat', () => rememberChatPeerId(meetingId, meeting.selfPeerId));
      meeting.events.on('state', (state) => {
        if (state.phase === 'ended') destroy();
      });
      addEventListener('pagehide', destroy, { once: true });
    },
  };
}
