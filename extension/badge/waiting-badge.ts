import { browser } from 'wxt/browser';

/** Amber: someone is waiting for the host, not an error. */
const BADGE_COLOUR = '#b45309';

/**
 * How many wait in the waiting room, on the toolbar button (no permission needed); nothing
 * when nobody waits.
 */
export function showWaitingOnBadge(count: number): void {
  const text = count > 0 ? String(count) : '';
  void browser.action.setBadgeText({ text });
  if (text) void browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
}
