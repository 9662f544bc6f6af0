import type { Browser } from 'puppeteer-core';
import { expect } from 'vitest';
import type { HostileServer } from './hostile-server.ts';
import { hostPeerIdOf, registrationFor } from './identity.ts';
import { byRole, click, fill, hostNewMeeting, waitForParticipants } from './people.ts';

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

export interface InterceptionCast {
  /** Our real server (its `allowedOrigins` must include the hostile server's origin). */
  serverUrl: string;
  /** Started with `impersonate: true`. */
  evil: HostileServer;
  host: Browser;
  guest: Browser;
  impostor: Browser;
}

/**
 * A guest holding a genuine invite reaches the meeting through a malicious signaling server that
 * relays it to an impostor (tests/e2e/impostor): the guest must be told the connection is
 * intercepted, and the impostor must get no media from guest or host.
 */
export async function expectInterceptionCaught(cast: InterceptionCast): Promise<void> {
  const { serverUrl, evil } = cast;
  const { host, invite } = await hostNewMeeting(cast.host, serverUrl, 'Hana');
  const impostor = await (await cast.impostor.createBrowserContext()).newPage();
  await impostor.goto(`${evil.url}/impostor/index.html`);
  await impostor.evaluate(
    (hostId, real) =>
      (window as unknown as { startRelay(id: string, r: unknown): Promise<void> }).startRelay(
        hostId,
        real,
      ),
    hostPeerIdOf(invite),
    await registrationFor(serverUrl),
  );

  // The guest holds a genuine invite, but reaches the meeting through the malicious server.
  const guest = await (await cast.guest.createBrowserContext()).newPage();
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
}
