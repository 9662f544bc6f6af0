import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { byRole, click, waitForText } from './people.ts';
import { useRig } from './rig.ts';

const rig = useRig({ extension: true });
const FIELD = 'Signaling servers';

/** Replaces everything in a multi-line field, as a person would with Ctrl+A and typing. */
async function retype(page: Page, label: string, text: string): Promise<void> {
  await page.bringToFront();
  const field = await page.waitForSelector(byRole('textbox', label));
  await field!.click();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await field!.type(text);
}

const fieldValue = async (page: Page) =>
  (await page.waitForSelector(byRole('textbox', FIELD)))!.evaluate(
    (el) => (el as HTMLTextAreaElement).value,
  );

describe("the extension's list of signaling servers", () => {
  it('takes one server per line, names the line it refuses, and keeps the list', async () => {
    const options = await rig.browser.newPage();
    await options.goto(`chrome-extension://${rig.extensionId}/options.html`);
    await waitForText(options, 'Conclave settings');
    expect(await fieldValue(options)).toBe('http://127.0.0.1:8787/peerjs');

    await retype(
      options,
      FIELD,
      'http://127.0.0.1:8787/peerjs\nhttp://meet.example.org/peerjs\nhttps://b.example.org/peerjs',
    );
    await click(options, 'button', 'Save');
    const alert = await options.waitForSelector(byRole('alert', ''));
    expect(await alert!.evaluate((el) => el.textContent)).toMatch(
      /^Line 2: .*wss:\/\/.*http:\/\/meet\.example\.org\/peerjs/,
    );

    const servers = [
      'http://127.0.0.1:8787/peerjs',
      'https://meet.example.org/peerjs',
      'https://b.example.org/peerjs',
    ].join('\n');
    await retype(options, FIELD, servers);
    await click(options, 'button', 'Save');
    await waitForText(options, 'Saved.');

    await options.reload();
    await expect.poll(() => fieldValue(options), { interval: 50, timeout: 10_000 }).toBe(servers);
  });
});
