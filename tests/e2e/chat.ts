import type { Page } from 'puppeteer-core';
import { byRole, click, fill } from './people.ts';

/** The chat as a person uses it: open the panel, pick a recipient, type, send, read. */
const POLL = { polling: 50, timeout: 30_000 } as const;

export async function openChat(page: Page): Promise<void> {
  await page.bringToFront();
  if (await page.$('#chat-panel')) return;
  // The toggle's name carries the unread count ("Chat, 2 unread"), so it is found by its class.
  await page.locator('button.chat-toggle').click();
  await page.waitForSelector(byRole('heading', 'Chat'));
}

export async function say(page: Page, text: string, to = 'Everyone'): Promise<void> {
  await openChat(page);
  await page.select('#chat-panel select', await optionValue(page, to));
  await fill(page, 'Message', text);
  await click(page, 'button', 'Send');
}

async function optionValue(page: Page, label: string): Promise<string> {
  return page.$eval(
    '#chat-panel select',
    (select, wanted) =>
      [...(select as HTMLSelectElement).options].find((o) => o.text === wanted)?.value ?? '?',
    label,
  );
}

/** The chat log as the person reads it: one "author: text" line per message. */
export async function chatLines(page: Page): Promise<string[]> {
  return page.$$eval('[role="log"][aria-label="Messages"] li', (items) =>
    items.map((li) => {
      const author = li.querySelector('.chat-author')?.textContent ?? '';
      const text = li.querySelector('.chat-text')?.textContent ?? '';
      return `${author}: ${text}`;
    }),
  );
}

export async function waitForLine(page: Page, line: string): Promise<void> {
  await openChat(page);
  await page.waitForFunction(
    (wanted: string) =>
      [...document.querySelectorAll('[role="log"][aria-label="Messages"] li')].some(
        (li) =>
          `${li.querySelector('.chat-author')?.textContent}: ${li.querySelector('.chat-text')?.textContent}` ===
          wanted,
      ),
    POLL,
    line,
  );
}
