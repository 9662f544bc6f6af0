import type { MeetingStore, StoredMeeting } from '../core/meeting/host/meeting-store.ts';
import type { AdmissionSettings } from '../core/meeting/host/admission-settings.ts';
import type { RosterMember } from '../core/protocol/schemas.ts';
import { loadOnFirstUse } from './load-on-first-use.ts';

/**
 * A meeting store whose implementation (with the key and admission code it reads records
 * through) is fetched on first use, so a page that shows before any meeting is read (the lobby)
 * does not carry it in its first load.
 */
export class LazyMeetingStore implements MeetingStore {
  private readonly use: ReturnType<typeof loadOnFirstUse<MeetingStore>>;

  constructor(load: () => Promise<MeetingStore>) {
    this.use = loadOnFirstUse(load);
  }

  list(): Promise<StoredMeeting[]> {
    return this.use((s) => s.list());
  }

  get(meetingId: string): Promise<StoredMeeting | null> {
    return this.use((s) => s.get(meetingId));
  }

  add(meeting: StoredMeeting): Promise<void> {
    return this.use((s) => s.add(meeting));
  }

  rename(meetingId: string, title: string): Promise<void> {
    return this.use((s) => s.rename(meetingId, title));
  }

  markUsed(meetingId: string, at: number): Promise<void> {
    return this.use((s) => s.markUsed(meetingId, at));
  }

  saveRoster(
    meetingId: string,
    version: number,
    members: RosterMember[],
    removed?: readonly string[],
  ): Promise<void> {
    return this.use((s) => s.saveRoster(meetingId, version, members, removed));
  }

  saveAdmission(meetingId: string, admission: AdmissionSettings): Promise<void> {
    return this.use((s) => s.saveAdmission(meetingId, admission));
  }

  endForGood(meetingId: string, at: number): Promise<void> {
    return this.use((s) => s.endForGood(meetingId, at));
  }

  delete(meetingId: string): Promise<void> {
    return this.use((s) => s.delete(meetingId));
  }
}

/** The IndexedDB meeting store, fetched on first use. */
export const lazyIdbMeetingStore = (): MeetingStore =>
  new LazyMeetingStore(() =>
    import('./idb-meeting-store.ts').then(({ IdbMeetingStore }) => new IdbMeetingStore()),
  );
