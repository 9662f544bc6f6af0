// Meetings this browser saw their host end for everyone, for as long as the browser session
// lasts: "Try again" on one of them says it has ended instead of waiting for a host who will not
// come back under it (a host who started it again lets the person in, and it is forgotten).
const KEY = 'conclave.endedMeetings';
const MAX_REMEMBERED = 100;

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberEndedMeeting(meetingId: string): void {
  const ids = [...read().filter((id) => id !== meetingId), meetingId].slice(-MAX_REMEMBERED);
  sessionStorage.setItem(KEY, JSON.stringify(ids));
}

export function forgetEndedMeeting(meetingId: string): void {
  const ids = read();
  if (ids.includes(meetingId)) {
    sessionStorage.setItem(KEY, JSON.stringify(ids.filter((id) => id !== meetingId)));
  }
}

export function hasMeetingEnded(meetingId: string): boolean {
  return read().includes(meetingId);
}
