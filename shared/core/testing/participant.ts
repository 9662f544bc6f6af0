import type { Participant } from '../meeting/participant.ts';

/** A connected participant named `name`, microphone and camera on, for tests of what is shown. */
export const testParticipant = (name: string, extra: Partial<Participant> = {}): Participant => ({
  peerId: name.toLowerCase(),
  name,
  role: 'participant',
  isSelf: false,
  stream: null,
  audioOn: true,
  videoOn: true,
  screenSharing: false,
  connection: 'connected',
  handRaisedAt: null,
  reaction: null,
  ...extra,
});
