import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  click,
  collectCspViolations,
  fill,
  hostNewMeeting,
  openToolbarPopup,
  saveExtensionSettings,
} from './people.ts';
import { useRig } from './rig.ts';
import { waitForScreensRight } from './screens.ts';

const rig = useRig({ extension: true });
const HOST = 'Hana';

describe('six people with video', () => {
  it('each sees the other five playing, one of them in the extension', async () => {
    const cspViolations: string[] = [];
    // The extension is pointed at our test server through its options page.
    const options = await rig.browser.defaultBrowserContext().newPage();
    await options.goto(`chrome-extension://${rig.extensionId}/options.html`);
    await saveExtensionSettings(options, `${rig.server.url}/peerjs`);

    const { host, invite } = await hostNewMeeting(rig.browser, rig.server.url, HOST, cspViolations);
    const people: Record<string, Page> = { [HOST]: host };
    for (const name of ['Ana', 'Ben', 'Cleo', 'Dan']) {
      const page = await (await rig.browser.createBrowserContext()).newPage();
      await collectCspViolations(page, cspViolations);
      await page.goto(invite);
      await fill(page, 'Your name', name);
      await click(page, 'button', 'Join meeting');
      people[name] = page;
    }
    // Eve joins from the extension's toolbar popup, which opens its meeting page.
    const popup = await openToolbarPopup(rig.browser, rig.extensionId, options);
    await fill(popup, 'Your name', 'Eve');
    await fill(popup, 'Invite link', invite);
    const meetingTab = rig.browser.waitForTarget((t) => t.url().includes('/meeting.html#join&'));
    await click(popup, 'button', 'Join');
    people.Eve = (await (await meetingTab).page())!;
    await collectCspViolations(people.Eve, cspViolations);

    await waitForScreensRight(people, HOST);
    expect(cspViolations).toEqual([]);
  }, 120_000);
});
