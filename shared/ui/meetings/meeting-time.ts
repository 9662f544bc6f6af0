/**
 * The one way a meeting's date and time is written, in the person's locale ("24 Nov, 11:40" in
 * English): in default titles and in "Last used". The year shows only when it is not this one.
 */
export function meetingTime(at: Date, now: Date = new Date(), locale?: string): string {
  return at.toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    ...(at.getFullYear() !== now.getFullYear() && { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}
