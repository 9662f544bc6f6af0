import { describe, expect, it } from 'vitest';
import { createStoredMeeting, endedForGood } from '../../core/meeting/host/meeting-store.ts';
import { defaultMeetingTitle } from '../meetings/new-meeting.ts';
import { meetingRowNote } from './meeting-row.ts';

describe('a row of "Your meetings"', () => {
  it('writes "Last used" the way the default title writes its date, without seconds', async () => {
    const created = new Date(2026, 10, 24, 11, 40, 27);
    const meeting = await createStoredMeeting(defaultMeetingTitle(created), created.getTime());
    const when = meeting.title.replace(/^Meeting of /, '');
    expect(meetingRowNote(meeting, new Date(2026, 11, 1))).toBe(`Last used ${when}`);
    expect(when).not.toContain('27');
  });

  it('adds the year only to a date of another year', async () => {
    const used = new Date(2025, 5, 3, 9, 5);
    const meeting = await createStoredMeeting('Retro', used.getTime());
    expect(meetingRowNote(meeting, new Date(2026, 0, 2))).toContain('2025');
    expect(meetingRowNote(meeting, new Date(2025, 11, 31))).not.toContain('2025');
  });

  it('says a meeting ended for good no longer has a link', async () => {
    const meeting = endedForGood(await createStoredMeeting('Retro', 0), 1);
    expect(meetingRowNote(meeting)).toBe('Ended for good: its link no longer works');
  });
});
