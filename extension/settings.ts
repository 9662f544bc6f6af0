import { browser } from 'wxt/browser';
import type { SignalingConfig } from '../shared/core/signaling/config.ts';
import type { Platform } from '../shared/platform.ts';

const SETTINGS_KEY = 'conclave.settings';
const NAME_KEY = 'conclave.displayName';

/** Until the user sets a hosted server, the extension uses the one `npm start` runs here. */
export const DEFAULT_SIGNALING: SignalingConfig = {
  serverUrl: 'http://127.0.0.1:8787/peerjs',
  iceServers: [],
};

export async function loadSignaling(): Promise<SignalingConfig> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as
    Partial<SignalingConfig> | undefined;
  return { ...DEFAULT_SIGNALING, ...stored };
}

export async function saveSignaling(config: SignalingConfig): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: config });
}

export async function loadDisplayName(): Promise<string> {
  const stored = (await browser.storage.local.get(NAME_KEY))[NAME_KEY];
  return typeof stored === 'string' ? stored : '';
}

export const extensionPlatform: Platform = {
  loadSignalingConfig: loadSignaling,
  loadDisplayName,
  saveDisplayName: (name) => browser.storage.local.set({ [NAME_KEY]: name }),
};
