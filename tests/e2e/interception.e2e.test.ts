import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInterceptingServer } from './intercepting-server.ts';
import { byRole, click, fill, hostNewMeeting, waitForParticipants } from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();
let evil: Awaited<ReturnType<typeof startInterceptingServer>>;

beforeAll(async () => {
  evil = await startInterceptingServer(rig.server.url);
});

afterAll(() => evil?.close());

interface Intercepted {
  relayedMessages: number;
  calls: number;
  mediaConnected: boolean;
  statReadings: number;
  bytesReceived: number;
}

const readIntercepted = () => (window as unknown as { intercepted: Intercepted }).intercepted;

describe('a malicious signaling server', () => {
  it('is caught relaying a guest to an impostor, and gets none of the guest’s media', async () => {
    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, 'Hana');
    const hostPeerId = `cvh-${new URL(invite).hash.match(/m=([0-9a-f]+)/)![1]}`;

    const impostor = await (await rig.browser.createBrowserContext()).newPage();
    await impostor.goto(`${evil.url}/impostor/index.html`);
    await impostor.evaluate(
      (id) => (window as unknown as { startRelay(id: string): Promise<void> }).startRelay(id),
      hostPeerId,
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
    const readings = (await impostor.evaluate(readIntercepted)).statReadings;
    await impostor.waitForFunction(
      (after: number) =>
        (window as unknown as { intercepted: Intercepted }).intercepted.statReadings > after + 3,
      { polling: 50, timeout: 10_000 },
      readings,
    );
    const intercepted = await impostor.evaluate(readIntercepted);
    // The relay really sat in the middle, and carried only the guest's hello: no knock followed.
    expect(intercepted.relayedMessages).toBe(1);
    // The guest's media call reached the impostor and connected, yet carried no media.
    expect(intercepted.calls).toBe(1);
    expect(intercepted.mediaConnected).toBe(true);
    expect(intercepted.bytesReceived).toBe(0);
    await waitForParticipants(host, ['Hana (you)']);
  });
});
