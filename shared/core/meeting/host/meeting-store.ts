import { generateSigningKeyPair, type SigningKeyPair } from '../../../crypto/signing.ts';
import type { RosterMember } from '../../protocol/schemas.ts';
import { newMeetingId } from '../ids.ts';
import type { HostDescriptor } from '../meeting.ts';
import {
  defaultHostSettings,
  readStoredAdmission,
  storableAdmission,
  type AdmissionSettings,
  type HostSettings,
} from './admission-settings.ts';

/**
 * A meeting's settings, kept with it: the admission policy (password verifier, personal links
 * with their uses and revocations, lock). Versioned: a record saved under an older `format` is
 * brought up to date by `migrateMeetingSettings` when read, so every field always has a value.
 */
export interface MeetingSettings extends HostSettings {
  format: typeof MEETING_SETTINGS_FORMAT;
}

/** 2: admission settings added (format 1 had none: the meeting's lobby-only default). */
export const MEETING_SETTINGS_FORMAT = 2;

export function defaultMeetingSettings(): MeetingSettings {
  return { format: MEETING_SETTINGS_FORMAT, ...defaultHostSettings() };
}

/** Settings as read from storage, whatever format they were saved in. */
export function migrateMeetingSettings(stored: unknown): MeetingSettings {
  const settings = defaultMeetingSettings();
  if (typeof stored !== 'object' || stored === null) return settings;
  const record = stored as Partial<Record<keyof MeetingSettings, unknown>>;
  return { ...settings, admission: readStoredAdmission(record.admission) };
}

/** Someone the host admitted: who may come back at once after the host's page restarts. */
export type RecentMember = RosterMember;

/** How many admitted people a meeting remembers; the oldest are forgotten first. */
export const MAX_RECENT_MEMBERS = 50;

/** One of the host's meetings, as this device keeps it. */
export interface StoredMeeting {
  meetingId: string;
  /** The private key is non-extractable: kept as the key object itself, never as bytes. */
  hostKey: SigningKeyPair | null;
  title: string;
  createdAt: number;
  lastUsedAt: number;
  settings: MeetingSettings;
  /** Highest roster version ever published: the next one is above it, even after a restart. */
  rosterVersion: number;
  /** The guests on the last roster published, to carry into the next session. */
  rosterMembers: RosterMember[];
  /** The people admitted (peer id, fingerprint, name, role), newest last. */
  recentMembers: RecentMember[];
  /** Set by "end for good": the key is gone, so the link can never be hosted again. */
  endedAt: number | null;
}

/** The host's meetings on this device. The shells provide it (IndexedDB); the core uses it. */
export interface MeetingStore {
  /** Newest use first. */
  list(): Promise<StoredMeeting[]>;
  get(meetingId: string): Promise<StoredMeeting | null>;
  add(meeting: StoredMeeting): Promise<void>;
  rename(meetingId: string, title: string): Promise<void>;
  markUsed(meetingId: string, at: number): Promise<void>;
  /**
   * Records a roster about to be published: its version (never lowered) and members; members
   * are also remembered as recently admitted, and `removed` (sent away by the host) forgotten,
   * so they never come back without knocking. Resolves once stored.
   */
  saveRoster(
    meetingId: string,
    version: number,
    members: RosterMember[],
    removed?: readonly string[],
  ): Promise<void>;
  /** Keeps the admission settings as they are now (never a link's `k`). Resolves once stored. */
  saveAdmission(meetingId: string, admission: AdmissionSettings): Promise<void>;
  /**
   * Deletes the key and the admission settings: the meeting stays listed as ended, and can
   * never be hosted again.
   */
  endForGood(meetingId: string, at: number): Promise<void>;
  delete(meetingId: string): Promise<void>;
}

/**
 * The record-level changes of every store, written once over its one way to change a record:
 * `update` reads, changes and writes one meeting (nothing when there is none).
 */
export abstract class ChangingMeetingStore implements MeetingStore {
  abstract list(): Promise<StoredMeeting[]>;
  abstract get(meetingId: string): Promise<StoredMeeting | null>;
  abstract add(meeting: StoredMeeting): Promise<void>;
  abstract delete(meetingId: string): Promise<void>;
  protected abstract update(
    meetingId: string,
    change: (m: StoredMeeting) => StoredMeeting,
  ): Promise<void>;

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
    return this.update(meetingId, (m) => withRoster(m, version, members, removed));
  }

  saveAdmission(meetingId: string, admission: AdmissionSettings): Promise<void> {
    return this.update(meetingId, (m) => withAdmission(m, admission));
  }

  endForGood(meetingId: string, at: number): Promise<void> {
    return this.update(meetingId, (m) => endedForGood(m, at));
  }
}

/** A new meeting with a fresh id and host key, not yet used. */
export async function createStoredMeeting(
  title: string,
  now: number,
  settings: HostSettings = defaultHostSettings(),
): Promise<StoredMeeting> {
  return {
    meetingId: newMeetingId(),
    hostKey: await generateSigningKeyPair(),
    title,
    createdAt: now,
    lastUsedAt: now,
    settings: { ...defaultMeetingSettings(), admission: storableAdmission(settings.admission) },
    rosterVersion: 0,
    rosterMembers: [],
    recentMembers: [],
    endedAt: null,
  };
}

/**
 * What hosting a stored meeting takes (after a reload, or reopened from the list): its key and
 * the admission settings kept with it. Null once ended for good.
 */
export function storedHostDescriptor(meeting: StoredMeeting): HostDescriptor | null {
  if (!meeting.hostKey) return null;
  return {
    meetingId: meeting.meetingId,
    hostKey: meeting.hostKey,
    settings: { admission: meeting.settings.admission },
  };
}

// The changes every MeetingStore applies, written once: each takes a record and returns the next.

export function withRoster(
  meeting: StoredMeeting,
  version: number,
  members: RosterMember[],
  removed: readonly string[] = [],
): StoredMeeting {
  return {
    ...meeting,
    rosterVersion: Math.max(meeting.rosterVersion, version),
    rosterMembers: members.filter((m) => m.role !== 'host'),
    recentMembers: mergeRecentMembers(meeting.recentMembers, members).filter(
      (m) => !removed.includes(m.peerId),
    ),
  };
}

/** The guests of `members` added to `recent`: a newer entry for a peer replaces its older one. */
export function mergeRecentMembers(
  recent: RecentMember[],
  members: RosterMember[],
): RecentMember[] {
  const guests = members.filter((m) => m.role !== 'host');
  const ids = new Set(guests.map((m) => m.peerId));
  return [...recent.filter((m) => !ids.has(m.peerId)), ...guests].slice(-MAX_RECENT_MEMBERS);
}

export function withAdmission(meeting: StoredMeeting, admission: AdmissionSettings): StoredMeeting {
  // An ended meeting admits nobody ever again: nothing to keep.
  if (meeting.endedAt !== null) return meeting;
  return { ...meeting, settings: { ...meeting.settings, admission: storableAdmission(admission) } };
}

export function endedForGood(meeting: StoredMeeting, at: number): StoredMeeting {
  return {
    ...meeting,
    hostKey: null,
    settings: defaultMeetingSettings(),
    rosterMembers: [],
    recentMembers: [],
    endedAt: at,
  };
}

/**
 * A record as read from storage, brought up to the current shape (older records may lack
 * fields added since); null for something that is not a meeting at all.
 */
export function migrateStoredMeeting(stored: unknown): StoredMeeting | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const record = stored as Partial<StoredMeeting>;
  if (typeof record.meetingId !== 'string' || typeof record.title !== 'string') return null;
  const createdAt = record.createdAt ?? 0;
  return {
    meetingId: record.meetingId,
    hostKey: record.hostKey ?? null,
    title: record.title,
    createdAt,
    lastUsedAt: record.lastUsedAt ?? createdAt,
    settings: migrateMeetingSettings(record.settings),
    rosterVersion: record.rosterVersion ?? 0,
    rosterMembers: record.rosterMembers ?? [],
    recentMembers: record.recentMembers ?? [],
    endedAt: record.endedAt ?? (record.hostKey ? null : createdAt),
  };
}
