import { ConclaveError, ErrorCode } from '../../core/errors.ts';
import type { Meeting } from '../../core/meeting/meeting.ts';
import type { Role } from '../../core/protocol/schemas.ts';

/** What the host (and, for asking to mute, a co-host) can do from the meeting's screen. */
export interface SessionCommands {
  askToMute(peerId: string): void;
  lowerHand(peerId: string): void;
  setRole(peerId: string, role: Exclude<Role, 'host'>): void;
  remove(peerId: string): void;
  setLocked(locked: boolean): void;
  endForAll(): void;
}

/** Each command runs in the background; a refusal becomes a notice for the person. */
export function createSessionCommands(
  meeting: Meeting,
  notify: (error: ConclaveError) => void,
): SessionCommands {
  const run = (command: Promise<void>) =>
    void command.catch((error: unknown) =>
      notify(
        error instanceof ConclaveError
          ? error
          : new ConclaveError(ErrorCode.NotAllowed, { cause: error }),
      ),
    );
  return {
    askToMute: (peerId) => run(meeting.askToMute(peerId)),
    lowerHand: (peerId) => run(meeting.lowerHand(peerId)),
    setRole: (peerId, role) => run(meeting.setRole(peerId, role)),
    remove: (peerId) => run(meeting.remove(peerId)),
    setLocked: (locked) => run(meeting.setLocked(locked)),
    endForAll: () => run(meeting.endForAll()),
  };
}
