import { browser } from 'wxt/browser';
import type { SignalingDeployment } from '../shared/core/signaling/config.ts';
import { lazyIdbJoinedMeetingStore } from '../shared/storage/lazy-joined-meetings.ts';
import { lazyIdbMeetingStore } from '../shared/storage/lazy-meeting-store.ts';
import type { Platform } from '../shared/platform.ts';
import { readDevicesOnJoin } from '../shared/ui/prejoin/devices-on-join.ts';
import { showWaitingOnBadge } from './badge/waiting-badge.ts';
import { bringOwnTabForward } from './meeting-tabs/meeting-tabs.ts';
import { withServerTurn } from './server-turn.ts';

const SETTINGS_KEY = 'conclave.settings';
const NAME_KEY = 'conclave.displayName';
const RELAY_ONLY_KEY = 'conclave.relayOnly';
const DEVICES_KEY = 'conclave.devicesOnJoin';

const LOCAL_SERVER = 'http://127.0.0.1:8787/peerjs';

/** Until the user sets a hosted server, the extension uses the one `npm start` runs here. */
export const DEFAULT_SIGNALING: SignalingDeployment = {
  serverUrl: LOCAL_SERVER,
  signalingServers: [LOCAL_SERVER],
  iceServers: [],
};

/** Settings saved before several servers could be listed hold `serverUrl` alone. */
export async function loadSignaling(): Promise<SignalingDeployment> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as
    Partial<SignalingDeployment> | undefined;
  const serverUrl = stored?.serverUrl ?? DEFAULT_SIGNALING.serverUrl;
  return {
    serverUrl,
    signalingServers: stored?.signalingServers?.length ? stored.signalingServers : [serverUrl],
    iceServers: stored?.iceServers ?? DEFAULT_SIGNALING.iceServers,
  };
}

/** The first server is the home one: invite links point at its web app. */
export async function saveSignaling(
  signalingServers: string[],
  iceServers: RTCIceServer[],
): Promise<void> {
  const config: SignalingDeployment = {
    serverUrl: signalingServers[0] ?? LOCAL_SERVER,
    signalingServers,
    iceServers,
  };
  await browser.storage.local.set({ [SETTINGS_KEY]: config });
}

export async function loadDisplayName(): Promise<string> {
  const stored = (await browser.storage.local.get(NAME_KEY))[NAME_KEY];
  return typeof stored === 'string' ? stored : '';
}

export async function loadRelayOnly(): Promise<boolean> {
  return (await browser.storage.local.get(RELAY_ONLY_KEY))[RELAY_ONLY_KEY] === true;
}

/** The meetings this person joined as a guest, for the popup's recent list. */
export const joinedMeetings = lazyIdbJoinedMeetingStore();

export const extensionPlatform: Platform = {
  loadSignalingConfig: withServerTurn(loadSignaling),
  loadDisplayName,
  saveDisplayName: (name) => browser.storage.local.set({ [NAME_KEY]: name }),
  loadDevicesOnJoin: async () =>
    readDevicesOnJoin((await browser.storage.local.get(DEVICES_KEY))[DEVICES_KEY]),
  saveDevicesOnJoin: (devices) => browser.storage.local.set({ [DEVICES_KEY]: devices }),
  loadRelayOnly,
  saveRelayOnly: (on) => browser.storage.local.set({ [RELAY_ONLY_KEY]: on }),
  meetingStore: lazyIdbMeetingStore(),
  joinedMeetings,
  showWaitingCount: showWaitingOnBadge,
  bringToFront: () => void bringOwnTabForward().catch(() => focus()),
};
