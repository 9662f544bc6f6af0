import { browser } from 'wxt/browser';
import { intentToHash, type MeetingIntent } from '../meeting-hash.ts';

/** Asked of every open meeting page: "if you hold this meeting, come to the front". */
export interface FocusMeetingRequest {
  type: 'conclave.focus-meeting';
  meetingId: string;
}

export function isFocusMeetingRequest(message: unknown): message is FocusMeetingRequest {
  const candidate = message as Partial<FocusMeetingRequest> | null;
  return candidate?.type === 'conclave.focus-meeting' && typeof candidate.meetingId === 'string';
}

/**
 * Opens a meeting in the extension's meeting page, or brings forward the tab already holding
 * it. The meeting pages answer for themselves (no `tabs` permission needed to read addresses).
 */
export async function openMeeting(intent: MeetingIntent): Promise<void> {
  if (intent.kind !== 'new') {
    const request: FocusMeetingRequest = {
      type: 'conclave.focus-meeting',
      meetingId: intent.kind === 'join' ? intent.invite.meetingId : intent.meetingId,
    };
    // Rejects when no extension page is listening: then nobody holds it.
    const focused: unknown = await browser.runtime.sendMessage(request).catch(() => false);
    if (focused === true) return;
  }
  await browser.tabs.create({
    url: browser.runtime.getURL('/meeting.html') + intentToHash(intent),
  });
}

/**
 * Lets a meeting page answer focus requests for `meetingId()` (null while it holds none):
 * it raises its own tab and window.
 */
export function answerFocusRequests(meetingId: () => string | null): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isFocusMeetingRequest(message) || message.meetingId !== meetingId()) return undefined;
    return bringOwnTabForward();
  });
}

/**
 * Makes this extension page's tab the active one and raises its window (no permission needed
 * for its own tab); false when the page is not in a tab.
 */
export async function bringOwnTabForward(): Promise<boolean> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) return false;
  await browser.tabs.update(tab.id, { active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  return true;
}
