/** A meeting id, as newMeetingId makes it: 128 random bits in lower-case hex. */
export const MEETING_ID_PATTERN = /^[0-9a-f]{32}$/;
