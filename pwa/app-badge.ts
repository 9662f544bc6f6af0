/**
 * How many wait in the waiting room, on the installed app's icon where the system shows app
 * badges (Badging API); a browser tab has none, and then this does nothing.
 */
export function showWaitingOnAppBadge(count: number): void {
  if (!('setAppBadge' in navigator)) return;
  const shown = count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge();
  // Refused outside an installed app on some systems: the waiting room still shows them.
  shown.catch(() => undefined);
}
