// A MeetingStore in memory for the core's unit tests; the product keeps meetings in IndexedDB.
import {
  ChangingMeetingStore,
  migrateStoredMeeting,
  type StoredMeeting,
} from '../meeting/host/meeting-store.ts';
import type { RosterMember } from '../protocol/schemas.ts';
import { defaultHostSettings } from '../meeting/host/admission-settings.ts';
import type { HostDescriptor } from '../meeting/meeting.ts';

/** What a host's page starts a stored meeting from, with the default admission settings. */
export const descriptorOf = (saved: StoredMeeting): HostDescriptor => ({
  meetingId: saved.meetingId,
  hostKey: saved.hostKey!,
  settings: defaultHostSettings(),
});

export class MemoryMeetingStore extends ChangingMeetingStore {
  private readonly meetings = new Map<string, StoredMeeting>();
  /** Every roster version saved, in order, for assertions. */
  readonly savedVersions: number[] = [];

  list(): Promise<StoredMeeting[]> {
    const all = [...this.meetings.values()].map((m) => structuredClone(m));
    return Promise.resolve(all.sort((a, b) => b.lastUsedAt - a.lastUsedAt));
  }

  get(meetingId: string): Promise<StoredMeeting | null> {
    const found = this.meetings.get(meetingId);
    return Promise.resolve(found ? migrateStoredMeeting(structuredClone(found)) : null);
  }

  add(meeting: StoredMeeting): Promise<void> {
    this.meetings.set(meeting.meetingId, structuredClone(meeting));
    return Promise.resolve();
  }

  override saveRoster(
    meetingId: string,
    version: number,
    members: RosterMember[],
    removed: readonly string[] = [],
  ): Promise<void> {
    this.savedVersions.push(version);
    return super.saveRoster(meetingId, version, members, removed);
  }

  delete(meetingId: string): Promise<void> {
    this.meetings.delete(meetingId);
    return Promise.resolve();
  }

  protected update(meetingId: string, change: (m: StoredMeeting) => StoredMeeting): Promise<void> {
    const found = this.meetings.get(meetingId);
    if (found) this.meetings.set(meetingId, change(found));
    return Promise.resolve();
  }
}
