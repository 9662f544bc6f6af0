import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { findInvite } from '../../shared/core/meeting/invite-in-text.ts';
import { addUpWaitingOnBadge } from '../badge/waiting-badge.ts';
import { openMeeting } from '../meeting-tabs/meeting-tabs.ts';

const JOIN_MENU = 'conclave.join-link';

/**
 * "Join with Conclave" on invite links (pages at /join; the link itself is checked on click), and
 * the toolbar badge's count across every meeting this person hosts.
 */
export default defineBackground(() => {
  addUpWaitingOnBadge();
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: JOIN_MENU,
      title: 'Join with Conclave',
      contexts: ['link'],
      targetUrlPatterns: ['https://*/join*', 'http://*/join*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== JOIN_MENU) return;
    const invite = info.linkUrl ? findInvite(info.linkUrl) : null;
    if (invite) void openMeeting({ kind: 'join', invite });
  });
});
