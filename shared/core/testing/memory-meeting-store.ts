// A MeetingStore in memory for the core's unit tests; the product keeps meetings in IndexedDB.
import {
  endedForGood,
  migrateStoredMeeting,
  withAdmission,
  withRoster,
  type MeetingStore,
  type StoredMeeting,
} from '../meeting/host/meeting-store.ts';
import type { AdmissionSettings } from '../meeting/host/admission-settings.ts';
import type { RosterMember } from '../protocol/schemas.ts';

export class MemoryMeetingStore implements MeetingStore {
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

  rename(meetingId: string, title: string): Promise<void> {
    return this.update(meetingId, (m) => ({ ...m, title }));
  }

  markUsed(meetingId: string, at: number): Promise<void> {
    return this.update(meetingId, (m) => ({ ...m, lastUsedAt: at }));
  }

  saveRoster(
    meetingId: string,
    version: number,
    members: RosterMember[],
    removed: readonly string[] = [],
  ): Promise<void> {
    this.savedVersions.push(version);
    return this.update(meetingId, (m) => withRoster(m, version, members, removed));
  }

  saveAdmission(meetingId: string, admission: AdmissionSettings): Promise<void> {
    return this.update(meetingId, (m) => withAdmission(m, admission));
  }

  endForGood(meetingId: string, at: number): Promise<void> {
    return this.update(meetingId, (m) => endedForGood(m, at));
  }

  delete(meetingId: string): Promise<void> {
    this.meetings.delete(meetingId);
    return Promise.resolve();
  }

  private update(meetingId: string, change: (m: StoredMeeting) => StoredMeeting): Promise<void> {
    const found = this.meetings.get(meetingId);
    if (found) this.meetings.set(meetingId, change(found));
    return Promise.resolve();
  }
}
