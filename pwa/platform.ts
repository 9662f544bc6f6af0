import { ConclaveError, ErrorCode } from '../shared/core/errors.ts';
import type { Platform } from '../shared/platform.ts';

const NAME_KEY = 'conclave.displayName';

interface ServerConfig {
  signalingPath: string;
  iceServers: RTCIceServer[];
}

/** The PWA signals through the server that served it, with the ICE servers it hands out. */
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
    return { serverUrl: location.origin + config.signalingPath, iceServers: config.iceServers };
  },
  loadDisplayName: () => Promise.resolve(localStorage.getItem(NAME_KEY) ?? ''),
  saveDisplayName: (name) => Promise.resolve(localStorage.setItem(NAME_KEY, name)),
};
