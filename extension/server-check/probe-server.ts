import { generateSigningKeyPair } from '../../shared/crypto/signing.ts';
import { peerIdFromKeyDigest, signalingToken } from '../../shared/core/signaling/peer-identity.ts';
import { parseServerUrl, serverOrigin } from '../../shared/core/signaling/server-url.ts';

export type ServerAnswer =
  | { kind: 'answers' }
  | { kind: 'refuses'; reason: string }
  | { kind: 'silent' }
  | { kind: 'invalid'; reason: string };

const TIMEOUT_MS = 5_000;

/**
 * Whether a signaling server answers: registers a throwaway identity there, as a meeting would,
 * and hangs up at the server's first word. No request goes anywhere but that server.
 */
export async function probeServer(serverUrl: string): Promise<ServerAnswer> {
  let address: ReturnType<typeof parseServerUrl>;
  try {
    address = parseServerUrl(serverUrl);
  } catch (error) {
    return { kind: 'invalid', reason: (error as Error).message };
  }
  const identity = await generateSigningKeyPair();
  const id = peerIdFromKeyDigest(identity.digest);
  const token = await signalingToken(identity, serverOrigin(address), Date.now());
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  const path = address.path.endsWith('/') ? address.path : `${address.path}/`;
  const query = new URLSearchParams({ key: 'peerjs', id, token });
  const url = `${address.secure ? 'wss' : 'ws'}://${host}:${address.port}${path}peerjs?${query}`;

  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    const finish = (answer: ServerAnswer) => {
      clearTimeout(timer);
      socket.onmessage = socket.onclose = socket.onerror = null;
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ kind: 'silent' }), TIMEOUT_MS);
    socket.onmessage = (event) => {
      const message = readMessage(event.data);
      if (message.type === 'OPEN') finish({ kind: 'answers' });
      else finish({ kind: 'refuses', reason: message.reason ?? 'it sent something unexpected' });
    };
    // A refused upgrade and an unreachable host look the same from here.
    socket.onclose = () => finish({ kind: 'silent' });
  });
}

function readMessage(data: unknown): { type?: string; reason?: string } {
  try {
    const parsed = JSON.parse(String(data)) as { type?: unknown; payload?: { msg?: unknown } };
    return {
      type: typeof parsed.type === 'string' ? parsed.type : undefined,
      reason:
        typeof parsed.payload?.msg === 'string' ? parsed.payload.msg.slice(0, 200) : undefined,
    };
  } catch {
    return {};
  }
}
