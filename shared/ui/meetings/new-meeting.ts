import type { HostSettings } from '../../core/meeting/host/admission-settings.ts';
import {
  createStoredMeeting,
  type MeetingStore,
  type StoredMeeting,
} from '../../core/meeting/host/meeting-store.ts';
import { meetingTime } from './meeting-time.ts';

/** "Meeting of 24 Nov, 11:40": a title that tells meetings apart until the host renames one. */
export function defaultMeetingTitle(at: Date): string {
  return `Meeting of ${meetingTime(at, at)}`;
}

/** Makes a meeting with a fresh id and host key, and keeps it on this device with `settings`. */
export async function createSavedMeeting(
  store: MeetingStore,
  settings?: HostSettings,
): Promise<StoredMeeting> {
  const now = new Date();
  const meeting = await createStoredMeeting(defaultMeetingTitle(now), now.getTime(), settings);
  await store.add(meeting);
  return meeting;
}
