import { hostSettings } from '../../core/meeting/host/admission-settings.ts';
import {
  storedHostDescriptor,
  type MeetingStore,
  type StoredMeeting,
} from '../../core/meeting/host/meeting-store.ts';
import type { MeetingRequest } from '../meeting/start-session.ts';
import { createSavedMeeting } from './new-meeting.ts';

// The host's side of the lobby: fetched when the person starts or reopens a meeting (or at idle),
// since a new host key and a password's verifier take the signing and PBKDF2 code.

/** Hosting a stored meeting: its id and key, and the admission settings kept with it. */
export function hostRequest(meeting: StoredMeeting): MeetingRequest {
  const descriptor = storedHostDescriptor(meeting);
  if (!descriptor) throw new Error('this meeting was ended for good');
  return { kind: 'host', descriptor };
}

/** A new meeting kept on this device (`password` '' for none), ready to host. */
export async function hostNewMeeting(
  store: MeetingStore,
  password: string,
): Promise<MeetingRequest> {
  return hostRequest(await createSavedMeeting(store, await hostSettings(password)));
}
