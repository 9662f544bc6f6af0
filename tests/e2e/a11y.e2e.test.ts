import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { byRole, click, textboxValue, waitForParticipants, waitForText } from './people.ts';
import { DESKTOP, joinAsGuest, newPerson, PHONE, screenshot } from './room-helpers.ts';
import { useRig } from './rig.ts';

const rig = useRig();
const AXE_SOURCE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const POLL = { polling: 50, timeout: 30_000 } as const;

/** axe-core's violations on the page as it is now, in light and in dark. */
async function axeViolations(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
      type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] };
      const result = await axe.run();
      return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target).join(' | ')}`);
    });
    found.push(...violations.map((v) => `${screen} (${scheme}): ${v}`));
  }
  await page.emulateMediaFeatures([]);
  return found;
}

/**
 * What axe does not see: a select whose text is hard to read on its own background (the room is
 * dark whatever the page's scheme), a checkbox not on the line of its label's text.
 */
async function fieldProblems(page: Page, screen: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const channels = (colour: string) =>
      colour
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map(Number);
    const luminance = (colour: string) => {
      const [r, g, b] = channels(colour).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light! + 0.05) / (dark! + 0.05);
    };
    const problems: string[] = [];
    for (const select of document.querySelectorAll('select')) {
      const style = getComputedStyle(select);
      const ratio = contrast(style.color, style.backgroundColor);
      const name =
        select.getAttribute('aria-label') ?? select.closest('label')?.firstChild?.textContent;
      if (ratio < 4.5) problems.push(`select "${name?.trim()}" has contrast ${ratio.toFixed(2)}`);
    }
    for (const box of document.querySelectorAll('label > input[type="checkbox"]')) {
      const label = box.parentElement!;
      const text = [...label.childNodes].find((n) => n.nodeType === 3 && n.textContent!.trim());
      const range = document.createRange();
      range.selectNodeContents(text!);
      const line = range.getClientRects()[0]!;
      const rect = box.getBoundingClientRect();
      const beside = rect.right <= line.left && rect.top < line.bottom && rect.bottom > line.top;
      if (!beside) problems.push(`checkbox "${label.textContent!.trim()}" is not beside its text`);
    }
    return problems;
  });
  return found.map((problem) => `${screen}: ${problem}`);
}

/** The accessible name of the focused element, roughly as a screen reader would say it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label = el.getAttribute('aria-label') ?? el.closest('label')?.firstChild?.textContent;
    return (label ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab until the control called `name` has the focus. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}" (at "${await focusedName(page)}")`);
}

/** Until the focus is on the element named `name` (a heading when `tag` says so, not its button). */
async function waitForFocusOn(page: Page, name: string, tag?: string): Promise<void> {
  await page.waitForFunction(
    (n: string, t: string | null) => {
      const el = document.activeElement as HTMLElement | null;
      if (t && el?.tagName !== t) return false;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim() === n;
    },
    POLL,
    name,
    tag ?? null,
  );
}

describe('accessibility', () => {
  it('runs a whole meeting from the keyboard, and axe finds nothing on any screen', async () => {
    const violations: string[] = [];
    const kim = await newPerson(rig.browser, DESKTOP);
    await kim
      .browserContext()
      // Camera and microphone too: an override replaces what the fake-UI flag granted.
      .overridePermissions(rig.server.url, [
        'camera',
        'microphone',
        'clipboard-read',
        'clipboard-sanitized-write',
      ]);
    await kim.setBypassCSP(true);
    await kim.goto(`${rig.server.url}/`);
    await waitForFocusOn(kim, 'Conclave');
    violations.push(...(await axeViolations(kim, 'lobby')));
    violations.push(...(await fieldProblems(kim, 'lobby')));

    // Start: the name, then Enter runs "New meeting"; on the pre-join screen Enter starts it.
    await tabTo(kim, 'Your name');
    await kim.keyboard.type('Kim');
    await kim.keyboard.press('Enter');
    await waitForFocusOn(kim, 'Start your meeting');
    await kim.waitForSelector('video[aria-label="Your camera preview"]:not(.hidden)');
    violations.push(...(await axeViolations(kim, 'pre-join')));
    await tabTo(kim, 'Your name');
    await kim.keyboard.press('Enter');
    await waitForText(kim, 'In the meeting.');
    await waitForFocusOn(kim, 'Meeting');
    violations.push(...(await axeViolations(kim, 'meeting alone')));

    // Copy the link, toggle the microphone (M) and the camera (Space on the button), share.
    await tabTo(kim, 'Copy invite link');
    await kim.keyboard.press('Enter');
    await waitForText(kim, 'Copied.');
    const invite = await textboxValue(kim, 'Invite link');
    expect(await kim.evaluate(() => navigator.clipboard.readText())).toBe(invite);
    await kim.keyboard.press('Escape'); // closes the people panel (it opened by itself)
    await waitForFocusOn(kim, 'Meeting');
    for (const pressed of ['false', 'true']) {
      await kim.keyboard.press('m');
      await kim.waitForSelector(`button[aria-label="Microphone"][aria-pressed="${pressed}"]`);
    }
    await tabTo(kim, 'Camera');
    for (const pressed of ['false', 'true']) {
      await kim.keyboard.press('Space');
      await kim.waitForSelector(`button[aria-label="Camera"][aria-pressed="${pressed}"]`);
    }
    await tabTo(kim, 'Share screen');
    await kim.keyboard.press('Enter');
    await kim.waitForSelector('button[aria-label="Share screen"][aria-pressed="true"]');
    await kim.keyboard.press('Enter');
    await kim.waitForSelector('button[aria-label="Share screen"][aria-pressed="false"]');

    // Help dialog: ? opens it, Escape closes it and the focus goes back.
    await kim.keyboard.press('?');
    await waitForFocusOn(kim, 'Keyboard shortcuts');
    await kim.keyboard.press('Escape');
    await waitForFocusOn(kim, 'Share screen');

    // Two join: the room with three, and its panels.
    const lea = await newPerson(rig.browser, PHONE);
    await lea.setBypassCSP(true);
    await joinAsGuest(lea, invite, 'Lea', { cameraOff: true });
    const max = await newPerson(rig.browser, DESKTOP);
    await joinAsGuest(max, invite, 'Max', { cameraOff: true });
    // The bare link leads to the waiting room: Kim admits both from the keyboard.
    await kim.bringToFront();
    await tabTo(kim, 'People');
    await kim.keyboard.press('Enter');
    await waitForFocusOn(kim, 'People', 'H2');
    for (const name of ['Lea', 'Max']) {
      await kim.waitForSelector(byRole('button', `Admit ${name}`));
      await tabTo(kim, `Admit ${name}`);
      await kim.keyboard.press('Enter');
    }
    await waitForParticipants(kim, ['Kim (you)', 'Lea', 'Max']);
    violations.push(...(await axeViolations(kim, 'people panel, both admitted')));
    await tabTo(kim, 'Close people');
    await kim.keyboard.press('Enter');
    await waitForFocusOn(kim, 'People');
    await waitForParticipants(lea, ['Kim', 'Lea (you)', 'Max']);
    violations.push(...(await axeViolations(kim, 'meeting with three')));
    violations.push(...(await axeViolations(lea, 'meeting with three, phone')));

    // Open a panel from the keyboard: the focus moves into it, and back to its button on close.
    await kim.bringToFront();
    await tabTo(kim, 'People');
    await kim.keyboard.press('Enter');
    await waitForFocusOn(kim, 'People', 'H2');
    violations.push(...(await axeViolations(kim, 'people panel')));
    violations.push(...(await fieldProblems(kim, 'people panel')));
    await click(kim, 'button', 'Verify Lea');
    await kim.waitForSelector('.sas-digits', { timeout: 30_000 });
    violations.push(...(await axeViolations(kim, 'verification panel')));
    await kim.keyboard.press('Escape');
    await waitForFocusOn(kim, 'People');
    await click(lea, 'button', 'People');
    violations.push(...(await axeViolations(lea, 'people panel, phone')));
    await click(lea, 'button', 'Chat');
    await lea.waitForSelector(byRole('textbox', 'Message'));
    violations.push(...(await axeViolations(lea, 'chat panel, phone')));
    violations.push(...(await fieldProblems(lea, 'chat panel, phone')));

    // Leave: the host is asked, and ends it for everyone.
    await kim.bringToFront();
    await tabTo(kim, 'Leave');
    await kim.keyboard.press('Enter');
    await waitForFocusOn(kim, 'Leave the meeting?');
    await tabTo(kim, 'End for everyone');
    await kim.keyboard.press('Enter');
    await waitForFocusOn(kim, 'You ended the meeting for everyone');
    await waitForText(lea, 'The host ended the meeting.');
    await screenshot(lea, 'ended');
    violations.push(...(await axeViolations(kim, 'ended')));
    violations.push(...(await axeViolations(lea, 'ended by the host')));

    expect(violations).toEqual([]);
  });
});
