import { browser } from 'wxt/browser';

/** Amber: someone is waiting for the host, not an error. */
const BADGE_COLOUR = '#b45309';
/** Each hosting tab's count, in session storage (gone with the browser session). */
const KEY_PREFIX = 'conclave.waiting.';

let ownTabId: Promise<number | undefined> | null = null;

/**
 * A meeting page's part: how many wait in its waiting room, under its own tab's id. The
 * background adds up every hosting tab's count on the toolbar button.
 */
export function showWaitingOnBadge(count: number): void {
  const asked = (ownTabId ??= browser.tabs.getCurrent().then(
    (tab) => tab?.id,
    () => {
      ownTabId = null; // asked again next time
      return undefined;
    },
  ));
  void asked
    .then((tabId) => {
      if (tabId === undefined) return;
      const key = `${KEY_PREFIX}${tabId}`;
      return count > 0
        ? browser.storage.session.set({ [key]: count })
        : browser.storage.session.remove(key);
    })
    .catch(() => undefined); // the badge is a hint: the People panel shows who waits
}

/**
 * The background's part: the toolbar button shows everyone waiting for this person, across all
 * the meetings they host (a knock matters most while they look at another tab, where a per-tab
 * badge would not show); nothing when nobody waits. A tab's count goes when it closes or loads
 * another page (a crashed or navigated page cannot take its own count back; a meeting page that
 * loads reports afresh).
 */
export function addUpWaitingOnBadge(): void {
  // One count at a time, in order, so an older total never lands after a newer one.
  let shown = Promise.resolve();
  const refresh = () => (shown = shown.then(showTotal).catch(() => undefined));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && Object.keys(changes).some((key) => key.startsWith(KEY_PREFIX))) {
      void refresh();
    }
  });
  const forget = (tabId: number) =>
    void browser.storage.session.remove(`${KEY_PREFIX}${tabId}`).catch(() => undefined);
  browser.tabs.onRemoved.addListener(forget);
  // The status is there without the "tabs" permission (the URL is not, and is not needed).
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') forget(tabId);
  });
  void refresh();
}

async function showTotal(): Promise<void> {
  const all = await browser.storage.session.get(null);
  let total = 0;
  for (const [key, count] of Object.entries(all)) {
    if (key.startsWith(KEY_PREFIX) && typeof count === 'number') total += count;
  }
  const text = total > 0 ? String(total) : '';
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
}
