import type { Browser, Page } from 'puppeteer-core';

/**
 * Firefox's own window (browser.xhtml), where its context menus and keyboard shortcuts live.
 * Automation with system access (see firefox-extension.ts) reaches it over WebDriver BiDi:
 * `browsingContext.getTree` with `moz:scope: chrome`, then `script.evaluate` in it. Puppeteer
 * has no API for that scope, so the BiDi commands go out on its connection as they are.
 */
interface BidiConnection {
  send(method: string, params: object): Promise<unknown>;
}

interface BidiAnswer {
  result?: {
    contexts?: { context: string; url: string }[];
    type?: 'success' | 'exception';
    result?: { type: string; value?: unknown };
    exceptionDetails?: { text?: string };
  };
}

const POLL_MS = 50;
const TIMEOUT_MS = 30_000;

function connectionOf(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function') throw new Error('not a WebDriver BiDi browser');
  return connection;
}

/** Runs `expression` in Firefox's browser window and returns its (primitive) value. */
export async function evaluateInFirefoxWindow(
  browser: Browser,
  expression: string,
): Promise<unknown> {
  const connection = connectionOf(browser);
  const tree = (await connection.send('browsingContext.getTree', {
    'moz:scope': 'chrome',
  })) as BidiAnswer;
  const window = tree.result?.contexts?.find(
    (c) => c.url === 'chrome://browser/content/browser.xhtml',
  );
  if (!window) throw new Error('no Firefox browser window to reach (is system access on?)');
  const answer = (await connection.send('script.evaluate', {
    expression,
    target: { context: window.context },
    awaitPromise: true,
    resultOwnership: 'none',
  })) as BidiAnswer;
  if (answer.result?.type !== 'success') {
    throw new Error(`in Firefox's window: ${answer.result?.exceptionDetails?.text ?? 'failed'}`);
  }
  return answer.result.result?.value;
}

/**
 * Presses a shortcut as a keyboard would: through Firefox's TextInputProcessor, the way its own
 * test suites type (BiDi's key actions reach the page but never the window's shortcuts).
 */
export async function pressInFirefox(
  browser: Browser,
  modifiers: ('Alt' | 'Shift' | 'Control')[],
  letter: string,
): Promise<void> {
  await evaluateInFirefoxWindow(
    browser,
    `(() => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      const key = (name, code) => new KeyboardEvent('', { key: name, code, keyCode: KeyboardEvent['DOM_VK_' + name.toUpperCase()] });
      const held = ${JSON.stringify(modifiers)}.map((m) => key(m, m + 'Left'));
      const letter = key(${JSON.stringify(letter.toUpperCase())}, 'Key' + ${JSON.stringify(letter.toUpperCase())});
      for (const m of held) tip.keydown(m);
      tip.keydown(letter);
      tip.keyup(letter);
      for (const m of held.reverse()) tip.keyup(m);
    })()`,
  );
}

/**
 * Right-clicks `selector` in `page`, waits for Firefox's context menu, and picks the item
 * labelled `label` as a click on it would (`activateItem`, what the menu runs for a click).
 */
export async function pickFromFirefoxContextMenu(
  browser: Browser,
  page: Page,
  selector: string,
  label: string,
): Promise<void> {
  await page.click(selector, { button: 'right' });
  const deadline = Date.now() + TIMEOUT_MS;
  const pick = `(() => {
    const menu = document.getElementById('contentAreaContextMenu');
    if (menu.state !== 'open') return 'closed';
    const item = [...menu.querySelectorAll('menuitem')].find((i) => i.label === ${JSON.stringify(label)});
    if (!item) return [...menu.querySelectorAll('menuitem')].map((i) => i.label).join(', ');
    menu.activateItem(item);
    return 'picked';
  })()`;
  let seen: unknown = '';
  while (Date.now() < deadline) {
    seen = await evaluateInFirefoxWindow(browser, pick);
    if (seen === 'picked') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(
    `no "${label}" in Firefox's context menu within ${TIMEOUT_MS} ms; saw: ${String(seen)}`,
  );
}
