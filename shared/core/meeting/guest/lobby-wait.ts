import type { MessageOf, WaitReason } from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { LinkClosedError, LinkTimeoutError, readMessage, type Log } from '../link-messages.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';

/** What a guest waiting for the host is told, and what the screen shows. */
export interface LobbyStatus {
  reason: WaitReason | 'password-needed';
  attemptsLeft: number | null;
  /** The meeting has a password: the guest may type it (again) instead of waiting. */
  canTryPassword: boolean;
}

/** What the guest's side of a meeting asks of the person while admission runs. */
export interface GuestLobbyHooks {
  /** Resolves with the password typed, or null to knock without one and wait. */
  askPassword(status: LobbyStatus): Promise<string | null>;
  waiting(status: LobbyStatus): void;
}

/** A guest waits this long in the lobby; the host gives up a little earlier. */
export const GUEST_LOBBY_WAIT_MS = 11 * 60_000;

/**
 * Waits for `admit` or `deny`, passing each `waiting` to `onWaiting`. The first answer must come
 * within `firstTimeoutMs`; once in the lobby the wait is GUEST_LOBBY_WAIT_MS.
 */
export function waitForDecision(
  link: DataLink,
  firstTimeoutMs: number,
  log: Log,
  onWaiting: (message: MessageOf<'waiting'>) => void,
): Promise<MessageOf<'admit' | 'deny'>> {
  return new Promise((resolve, reject) => {
    let timer = setTimeout(
      () => finish(new LinkTimeoutError('no answer to knock')),
      firstTimeoutMs,
    );
    const offMessage = link.events.on('message', (raw) => {
      const message = readMessage(link, raw, log);
      if (!message) return;
      if (message.t === 'admit' || message.t === 'deny') return finish(undefined, message);
      if (message.t === 'waiting') {
        clearTimeout(timer);
        timer = setTimeout(
          () => finish(new ConclaveError(ErrorCode.LobbyTimeout)),
          GUEST_LOBBY_WAIT_MS,
        );
        return onWaiting(message);
      }
      finish(new ConclaveError(ErrorCode.ProtocolViolation, { detail: `unexpected ${message.t}` }));
    });
    const offClose = link.events.on('close', () => finish(new LinkClosedError('closed')));
    function finish(error?: Error, message?: MessageOf<'admit' | 'deny'>) {
      clearTimeout(timer);
      offMessage();
      offClose();
      if (message) resolve(message);
      else reject(error);
    }
  });
}
