import { lazyIdbJoinedMeetingStore } from '../shared/storage/lazy-joined-meetings.ts';
import { lazyIdbMeetingStore } from '../shared/storage/lazy-meeting-store.ts';
import type { Platform } from '../shared/platform.ts';
import { readDevicesOnJoin } from '../shared/ui/prejoin/devices-on-join.ts';
import { showWaitingOnAppBadge } from './app-badge.ts';

const NAME_KEY = 'conclave.displayName';
const RELAY_ONLY_KEY = 'conclave.relayOnly';
const DEVICES_KEY = 'conclave.devicesOnJoin';

/** The PWA's storage (this origin's localStorage and IndexedDB) and its server's configuration. */
export const pwaPlatform: Platform = {
  // Fetched when a meeting or the offline check first asks: off the lobby's first load.
  loadSignalingConfig: () =>
    import('./signaling-config.ts').then(({ loadSignalingConfig }) => loadSignalingConfig()),
  loadDisplayName: () => Promise.resolve(localStorage.getItem(NAME_KEY) ?? ''),
  saveDisplayName: (name) => Promise.resolve(localStorage.setItem(NAME_KEY, name)),
  // A damaged value rejects, and the devices start on.
  loadDevicesOnJoin: async () =>
    readDevicesOnJoin(JSON.parse(localStorage.getItem(DEVICES_KEY) ?? 'null')),
  saveDevicesOnJoin: (devices) =>
    Promise.resolve(localStorage.setItem(DEVICES_KEY, JSON.stringify(devices))),
  loadRelayOnly: () => Promise.resolve(localStorage.getItem(RELAY_ONLY_KEY) === 'on'),
  saveRelayOnly: (on) => Promise.resolve(localStorage.setItem(RELAY_ONLY_KEY, on ? 'on' : 'off')),
  meetingStore: lazyIdbMeetingStore(),
  joinedMeetings: lazyIdbJoinedMeetingStore(),
  showWaitingCount: showWaitingOnAppBadge,
};
