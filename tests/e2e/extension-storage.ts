import type { Page } from 'puppeteer-core';

/** The extension API as its own pages see it (Chrome's `chrome`, which Firefox also offers). */
declare const chrome: {
  storage: {
    local: { get(keys: null): Promise<object> };
    session: { get(keys: null): Promise<object> };
  };
};

/** Everything the extension keeps (its storage areas, IndexedDB, localStorage), as JSON. */
export const everythingKept = (extensionPage: Page) =>
  extensionPage.evaluate(async () => {
    const readDb = (name: string) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          if (!names.length) return resolve({});
          const tx = db.transaction(names);
          const out: Record<string, unknown> = {};
          for (const store of names) {
            const all = tx.objectStore(store).getAll();
            all.onsuccess = () => (out[store] = all.result);
          }
          tx.oncomplete = () => (db.close(), resolve(out));
        };
      });
    const dbs = await indexedDB.databases();
    const idb = Object.fromEntries(
      await Promise.all(dbs.map(async ({ name }) => [name, await readDb(name!)] as const)),
    );
    return JSON.stringify({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      localStorage: { ...localStorage },
      idb,
    });
  });

/** The joined meetings a page's origin keeps (the popup's, or the web app's), from IndexedDB. */
export const joinedRecords = (extensionPage: Page) =>
  extensionPage.evaluate(async () => {
    const open = indexedDB.open('conclave-joined');
    await new Promise((resolve) => (open.onsuccess = resolve));
    const all = open.result.transaction('joined').objectStore('joined').getAll();
    await new Promise((resolve) => (all.onsuccess = resolve));
    open.result.close();
    return all.result as object[];
  });
