import type { JoinedMeetingStore } from '../core/meeting/joined-meeting-store.ts';
import { loadOnFirstUse } from './load-on-first-use.ts';

/** The IndexedDB store of joined meetings, fetched on first use (off the lobby's first load). */
export function lazyIdbJoinedMeetingStore(): JoinedMeetingStore {
  const use = loadOnFirstUse(() =>
    import('./idb-joined-meetings.ts').then((m) => new m.IdbJoinedMeetingStore()),
  );
  return {
    list: () => use((store) => store.list()),
    remember: (meeting) => use((store) => store.remember(meeting)),
    forget: (meetingId) => use((store) => store.forget(meetingId)),
    forgetAll: () => use((store) => store.forgetAll()),
  };
}
