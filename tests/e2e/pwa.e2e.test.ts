import { describe, expect, it } from 'vitest';
import { byRole, click, fill, waitForText } from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig();

describe('the installable web app', () => {
  it('opens its lobby, and an invite link, with the network off', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.server.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, {
      polling: 50,
      timeout: 30_000,
    });
    await page.setOfflineMode(true);
    await page.reload();
    expect(await page.waitForSelector(byRole('button', 'New meeting'))).not.toBeNull();

    // Starting a meeting needs the server: the person is told, and can try again.
    await fill(page, 'Your name', 'Hana');
    await click(page, 'button', 'New meeting');
    await click(page, 'button', 'Start meeting');
    await waitForText(page, 'Cannot reach the meeting server');
    expect(await page.$(byRole('button', 'Try again'))).not.toBeNull();

    await page.goto(`${rig.server.url}/join#m=${'a'.repeat(32)}&h=${'B'.repeat(43)}`);
    expect(await page.waitForSelector(byRole('button', 'Join meeting'))).not.toBeNull();
  });

  it('has a manifest that makes it installable', async () => {
    const manifest = (await (await fetch(`${rig.server.url}/manifest.webmanifest`)).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { sizes: string }[];
    };
    expect(manifest).toMatchObject({ name: 'Conclave', start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
  });
});
