import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser } from './find-browser.ts';
import { watchBrowser } from './failure-screens.ts';

export function findFirefox(): string {
  return findBrowser(
    'Firefox',
    'FIREFOX_PATH',
    ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    'firefox-esr',
  );
}

/**
 * Fake camera and microphone that are granted, so ICE also gathers loopback candidates (see
 * TOOLCHAIN.md: `media.navigator.permission.disabled` would gather none). Autoplay keeps
 * Firefox's own policy: remote video must play under it, as it would for a person.
 */
const MEDIA_PREFS = {
  'media.navigator.streams.fake': true,
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.peerconnection.ice.loopback': true,
};

/**
 * Only one tab is in front: keep background tabs' timers as prompt as the front one's, as
 * Chromium's --disable-background-timer-throttling does.
 */
const BACKGROUND_PREFS = {
  'dom.min_background_timeout_value': 4,
  'dom.min_background_timeout_value_without_budget_throttling': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
};

/**
 * Nothing of its own on the network (Puppeteer's defaults already cover most of it; these make
 * it explicit): no updates, telemetry, studies, captive-portal or connectivity probes, safe
 * browsing, remote settings, DNS over HTTPS or prefetching. `.invalid` never resolves.
 */
const QUIET_PREFS = {
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.archive.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'services.settings.server': 'http://remote-settings.invalid/v1',
  'app.normandy.enabled': false,
  'network.trr.mode': 5,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'network.prefetch-next': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'browser.newtabpage.enabled': false,
  'browser.aboutwelcome.enabled': false,
};

/** The prefs every Firefox in the tests runs with, and `extra` over them. */
export function firefoxPrefs(
  extra: Record<string, string | number | boolean> = {},
): Record<string, string | number | boolean> {
  return { ...QUIET_PREFS, ...BACKGROUND_PREFS, ...MEDIA_PREFS, ...extra };
}

export interface FirefoxOptions {
  /** Extra prefs, e.g. `extensions.webextensions.uuids` to pin an extension's UUID. */
  prefs?: Record<string, string | number | boolean>;
  /** Lets automation open `moz-extension://` pages (see TOOLCHAIN.md). */
  systemAccess?: boolean;
}

/**
 * Headless Firefox over WebDriver BiDi with a fake camera and microphone. Without `userDataDir`
 * Puppeteer writes the prefs into a fresh profile in a temp dir, and removes it on close.
 */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    args: options.systemAccess ? ['--remote-allow-system-access'] : [],
    extraPrefsFirefox: firefoxPrefs(options.prefs),
  });
  return watchBrowser(browser);
}
