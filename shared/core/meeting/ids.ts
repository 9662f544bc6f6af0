import { randomId128 } from '../../crypto/random.ts';

export function newMeetingId(): string {
  return randomId128();
}

/** Anyone with the link can derive this; holding it proves nothing (the handshake does). */
export function hostPeerId(meetingId: string): string {
  return `cvh-${meetingId}`;
}

export function newGuestPeerId(): string {
  return `cvg-${randomId128()}`;
}
