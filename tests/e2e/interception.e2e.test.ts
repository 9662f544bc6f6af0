import { afterAll, beforeAll, describe, it } from 'vitest';
import { EXTENSION_ORIGINS } from '../../server/options.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { expectInterceptionCaught } from './interception.ts';
import { useRig } from './rig.ts';

let evil: HostileServer;
// Registered before the rig's own hooks, so the real server can let the impostor's page in (a
// client outside a browser sends whatever Origin it likes anyway).
beforeAll(async () => {
  evil = await startHostileServer({ impersonate: true });
});
afterAll(() => evil?.close());
const rig = useRig({ server: () => ({ allowedOrigins: [...EXTENSION_ORIGINS, evil.url] }) });

describe('a malicious signaling server', () => {
  it('is caught relaying a guest to an impostor, which gets no media from guest or host', async () => {
    const { browser } = rig;
    await expectInterceptionCaught({
      serverUrl: rig.server.url,
      evil,
      host: browser,
      guest: browser,
      impostor: browser,
    });
  });
});
