import { ConclaveError, ErrorCode } from '../shared/core/errors.ts';
import { IdbMeetingStore } from '../shared/storage/idb-meeting-store.ts';
import type { Platform } from '../shared/platform.ts';
import { showWaitingOnAppBadge } from './app-badge.ts';

const NAME_KEY = 'conclave.displayName';
const RELAY_ONLY_KEY = 'conclave.relayOnly';

interface ServerConfig {
  signalingPath: string;
  iceServers: RTCIceServer[];
  /** Absolute URLs of every signaling server of the deployment, when it has several. */
  signalingServers?: string[];
}

/**
 * The PWA signals through the server that served it, or through the one of its deployment's
 * signaling servers that a meeting hashes to; invite links always point at this origin.
 */
export const pwaPlatform: Platform = {
  async loadSignalingConfig() {
    let config: ServerConfig;
    try {
      const response = await fetch('/config.json', { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      config = (await response.json()) as ServerConfig;
    } catch (cause) {
      throw new ConclaveError(ErrorCode.ServerUnreachable, { cause });
    }
    const ownServer = location.origin + config.signalingPath;
    return {
      serverUrl: ownServer,
      signalingServers: config.signalingServers?.length ? config.signalingServers : [ownServer],
      iceServers: config.iceServers,
    };
  },
  loadDisplayName: () => Promise.resolve(localStorage.getItem(NAME_KEY) ?? ''),
  saveDisplayName: (name) => Promise.resolve(localStorage.setItem(NAME_KEY, name)),
  loadRelayOnly: () => Promise.resolve(localStorage.getItem(RELAY_ONLY_KEY) === 'on'),
  saveRelayOnly: (on) => Promise.resolve(localStorage.setItem(RELAY_ONLY_KEY, on ? 'on' : 'off')),
  meetingStore: new IdbMeetingStore(),
  showWaitingCount: showWaitingOnAppBadge,
};
