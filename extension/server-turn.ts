import type { SignalingDeployment } from '../shared/core/signaling/config.ts';

/** At most this many TURN entries are taken from a server's answer. */
const MAX_SERVER_TURN_ENTRIES = 4;

function isTurnServer(entry: unknown): entry is RTCIceServer {
  if (typeof entry !== 'object' || entry === null) return false;
  const { urls, username, credential } = entry as Record<string, unknown>;
  const list = Array.isArray(urls) ? urls : [urls];
  return (
    typeof username === 'string' &&
    typeof credential === 'string' &&
    list.length > 0 &&
    list.every((url) => typeof url === 'string' && /^turns?:/i.test(url))
  );
}

/**
 * The TURN servers the home server hands out, each with a credential minted for this visit
 * (our server's /config.json). Only TURN entries are taken: the server cannot make the browser
 * send STUN anywhere else. None when the server offers none or cannot be asked (a stock
 * PeerServer has no /config.json).
 */
async function fetchServerTurn(serverUrl: string): Promise<RTCIceServer[]> {
  try {
    const response = await fetch(new URL('/config.json', serverUrl), {
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) return [];
    const config = (await response.json()) as { iceServers?: unknown };
    if (!Array.isArray(config.iceServers)) return [];
    return config.iceServers.filter(isTurnServer).slice(0, MAX_SERVER_TURN_ENTRIES);
  } catch {
    return [];
  }
}

/** The saved settings, plus the TURN servers (fresh credentials) of the home server. */
export function withServerTurn(
  loadSaved: () => Promise<SignalingDeployment>,
): () => Promise<SignalingDeployment> {
  return async () => {
    const saved = await loadSaved();
    const turn = await fetchServerTurn(saved.serverUrl);
    return { ...saved, iceServers: [...saved.iceServers, ...turn] };
  };
}
