import { browser } from 'wxt/browser';
import { findInvite, findInviteIn } from '../../shared/core/meeting/invite-in-text.ts';
import type { Invite } from '../../shared/core/meeting/invite.ts';

const MAX_TEXTS = 50;
const MAX_TEXT_LENGTH = 4_096;

/**
 * The invite link the active tab shows: its own address, else the selected text or a link on
 * the page. Runs when the person opens the popup, under `activeTab` (no host permissions, no
 * content script on any page). Pages that cannot be scripted (browser pages) give none.
 */
export async function inviteInActiveTab(): Promise<Invite | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const fromAddress = tab.url ? findInvite(tab.url) : null;
  if (fromAddress) return fromAddress;
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: selectionAndInviteLinks,
    });
    return findInviteIn(pageTexts(injection?.result));
  } catch {
    return null;
  }
}

/** Runs in the page: what it says is untrusted, and only ever searched for an invite. */
function selectionAndInviteLinks(): string[] {
  const selection = String(getSelection() ?? '');
  const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href*="#m="]')];
  return [selection, ...links.slice(0, 49).map((a) => a.href)];
}

function pageTexts(result: unknown): string[] {
  if (!Array.isArray(result)) return [];
  return result
    .slice(0, MAX_TEXTS)
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.slice(0, MAX_TEXT_LENGTH));
}
