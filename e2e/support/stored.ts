/** Planting what a browser may hold (an autosave) and reading what the app kept aside. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Where autosave lived before IndexedDB (still read once). */
export const LEGACY_AUTOSAVE_KEY = 'sg-lab.autosave';

export function threeTier(): Record<string, unknown> & { instances: { name?: string }[] } {
  return JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../src/content/scenarios/three-tier.json'),
      'utf8',
    ),
  );
}

export function autosaveOf(scenario: unknown, flows: unknown[] = []): string {
  return JSON.stringify({ format: 'sg-lab.document', version: 1, scenario, flows });
}

/**
 * Runs `task` on the app's IndexedDB store `name`, once the app has made it (a get or a clear of a
 * database the app has not made yet finds nothing).
 */
function onStore<T>(page: Page, name: string, task: 'get' | 'clear' | ['put', string]): Promise<T> {
  return page.evaluate(
    ([name, task]) =>
      new Promise<T>((resolve, reject) => {
        const attempt = async () => {
          // opening a database that does not exist would make it, empty, under the app's feet
          const made = (await indexedDB.databases()).some((d) => d.name === 'sg-lab');
          if (!made && task !== 'get' && task !== 'clear') return void setTimeout(attempt, 50);
          if (!made) return resolve(undefined as T);
          const open = indexedDB.open('sg-lab');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(name as string)) {
              db.close();
              return void setTimeout(attempt, 50); // the app is still making its database
            }
            const store = db.transaction(name as string, 'readwrite').objectStore(name as string);
            const r =
              task === 'get'
                ? store.get('current')
                : task === 'clear'
                  ? store.clear()
                  : store.put((task as string[])[1], 'current');
            r.onsuccess = () => (db.close(), resolve(r.result as T));
            r.onerror = () => reject(r.error);
          };
        };
        void attempt();
      }),
    [name, task] as const,
  );
}

/** Opens the app once, stores `raw` as its autosave, and opens it again on it. */
export async function openWithAutosave(page: Page, raw: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => {
    window.localStorage.clear();
    window.localStorage.setItem('sg-lab.welcomed', '1');
  });
  await onStore(page, 'autosave', ['put', raw]);
  await page.reload();
  await page.getByRole('heading', { name: 'SG Lab' }).waitFor();
}

/** Forgets any autosave (a clean slate for the next load). */
export const clearAutosave = (page: Page) => onStore<undefined>(page, 'autosave', 'clear');

/** The copies kept aside in the app's IndexedDB. */
export function keptAside(page: Page): Promise<{ raw: string; reason: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sg-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('kept-aside')) return resolve([]);
          const all = db.transaction('kept-aside').objectStore('kept-aside').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** The autosave the next load opens on. */
export const storedAutosave = (page: Page) =>
  onStore<string | undefined>(page, 'autosave', 'get').then((raw) => raw ?? null);
