import type { HostSettings } from '../../core/meeting/host/admission-settings.ts';
import {
  createStoredMeeting,
  type MeetingStore,
  type StoredMeeting,
} from '../../core/meeting/host/meeting-store.ts';

/** "Meeting of 24 Nov, 11:40": a title that tells meetings apart until the host renames one. */
export function defaultMeetingTitle(at: Date): string {
  const when = at.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `Meeting of ${when}`;
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
