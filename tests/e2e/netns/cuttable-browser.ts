import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../chromium.ts';
import { findFirefox, firefoxPrefs } from '../firefox.ts';

const WRAPPER = path.resolve('tests/e2e/netns/browser-in-netns.sh');

/** Our side of the veth pair, and the browser's. */
export const NEAR_ADDRESS = '10.99.0.1';
const FAR_ADDRESS = '10.99.0.2';
const NEAR_LINK = 'conclave-near';
const FAR_LINK = 'conclave-far';

export interface CuttableBrowser {
  browser: Browser;
  /** Takes the browser's only network link down (its carrier goes, as with a pulled cable) or up. */
  setLink(up: boolean): void;
  close(): Promise<void>;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'inherit' });
}

/**
 * A browser in a network namespace of its own, reaching ours only through a veth pair whose
 * near end has NEAR_ADDRESS. Needs root (the e2e suite runs as root in a namespace of its own).
 * Our server must listen on NEAR_ADDRESS at `serverPort`: the browser opens it as
 * http://127.0.0.1:<serverPort>, forwarded across the link.
 */
async function launchCuttable(
  serverPort: number,
  launch: (env: NodeJS.ProcessEnv) => Promise<Browser>,
): Promise<CuttableBrowser> {
  ip('link', 'add', NEAR_LINK, 'type', 'veth', 'peer', 'name', FAR_LINK);
  ip('addr', 'add', `${NEAR_ADDRESS}/24`, 'dev', NEAR_LINK);
  ip('link', 'set', NEAR_LINK, 'up');
  const browser = await launch({
    ...process.env,
    CONCLAVE_NETNS_LINK: FAR_LINK,
    CONCLAVE_NETNS_ADDRESS: `${FAR_ADDRESS}/24`,
    CONCLAVE_SERVER: `${NEAR_ADDRESS} ${serverPort}`,
  });
  return {
    browser,
    setLink: (up) => ip('link', 'set', NEAR_LINK, up ? 'up' : 'down'),
    close: async () => {
      ip('link', 'del', NEAR_LINK);
      await browser.close();
    },
  };
}

/** Chromium, whose only ICE candidates are on the veth link (no loopback ones). */
export function launchCuttableChromium(serverPort: number): Promise<CuttableBrowser> {
  return launchCuttable(serverPort, (env) =>
    puppeteer.launch({
      executablePath: WRAPPER,
      headless: true,
      pipe: true,
      userDataDir: mkdtempSync(path.join(tmpdir(), 'conclave-chromium-')),
      args: [...CHROMIUM_ARGS.filter((a) => a !== '--allow-loopback-in-peer-connection')],
      env: { ...env, CONCLAVE_BROWSER: findChromium() },
    }),
  );
}

/** Firefox ESR, likewise gathering no loopback candidates, driven over bridged WebDriver BiDi. */
export function launchCuttableFirefox(serverPort: number): Promise<CuttableBrowser> {
  return launchCuttable(serverPort, (env) =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: WRAPPER,
      headless: true,
      extraPrefsFirefox: firefoxPrefs({ 'media.peerconnection.ice.loopback': false }),
      env: { ...env, CONCLAVE_BROWSER: findFirefox(), CONCLAVE_BIDI_BRIDGE: '1' },
    }),
  );
}
