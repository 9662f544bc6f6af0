import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGINS } from '../../server/options.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { hostPeerIdOf, registrationFor } from './identity.ts';
import { byRole, click, fill, hostNewMeeting, waitForParticipants } from './people.ts';
import { useRig } from './rig.ts';

let evil: HostileServer;
// Registered before the rig's own hooks, so the real server can let the impostor's page in (a
// client outside a browser sends whatever Origin it likes anyway).
beforeAll(async () => {
  evil = await startHostileServer({ impersonate: true });
});
afterAll(() => evil?.close());
const rig = useRig({ server: () => ({ allowedOrigins: [...EXTENSION_ORIGINS, evil.url] }) });

interface MediaRecord {
  connected: boolean;
  statReadings: number;
  bytesReceived: number;
}

interface Intercepted {
  relayedMessages: number;
  calls: number;
  fromGuest: MediaRecord;
  fromHost: MediaRecord;
}

const readIntercepted = () => (window as unknown as { intercepted: Intercepted }).intercepted;

describe('a malicious signaling server', () => {
  it('is caught relaying a guest to an impostor, which gets no media from guest or host', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const impostor = await (await rig.browser.createBrowserContext()).newPage();
    await impostor.goto(`${evil.url}/impostor/index.html`);
    await impostor.evaluate(
      (hostId, real) =>
        (window as unknown as { startRelay(id: string, r: unknown): Promise<void> }).startRelay(
          hostId,
          real,
        ),
      hostPeerIdOf(invite),
      await registrationFor(rig.server.url),
    );

    // The guest holds a genuine invite, but reaches the meeting through the malicious server.
    const guest = await (await rig.browser.createBrowserContext()).newPage();
    await guest.goto(`${evil.url}/join${new URL(invite).hash}`);
    await fill(guest, 'Your name', 'Ana');
    await click(guest, 'button', 'Join meeting');
    const alert = await guest.waitForSelector(byRole('alert', ''), { timeout: 30_000 });
    expect(await alert!.evaluate((el) => el.textContent)).toContain(
      'This connection is being intercepted',
    );

    // Let the impostor read its media stats a few more times after the guest stopped.
    const readings = (await impostor.evaluate(readIntercepted)).fromGuest.statReadings;
    await impostor.waitForFunction(
      (after: number) => {
        const { fromGuest, fromHost } = (window as unknown as { intercepted: Intercepted })
          .intercepted;
        return fromGuest.statReadings > after + 3 && fromHost.statReadings > 3;
      },
      { polling: 50, timeout: 10_000 },
      readings,
    );
    const intercepted = await impostor.evaluate(readIntercepted);
    // The relay really sat in the middle, and carried only the guest's hello: no knock followed.
    expect(intercepted.relayedMessages).toBe(1);
    // The guest's media call reached the impostor and connected, yet carried no media.
    expect(intercepted.calls).toBe(1);
    expect(intercepted.fromGuest.connected).toBe(true);
    expect(intercepted.fromGuest.bytesReceived).toBe(0);
    // The host answered the impostor's own call, as it answers anyone's, but sent it nothing.
    expect(intercepted.fromHost.connected).toBe(true);
    expect(intercepted.fromHost.bytesReceived).toBe(0);
    await waitForParticipants(host, ['Hana (you)']);
  });
});
