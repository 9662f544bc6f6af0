import { ConclaveError, ErrorCode } from '../shared/core/errors.ts';
import type { SignalingDeployment } from '../shared/core/signaling/config.ts';

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
export async function loadSignalingConfig(): Promise<SignalingDeployment> {
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
}
