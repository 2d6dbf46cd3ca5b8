/** Planting what a browser may hold (an autosave) and reading what the app kept aside. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const AUTOSAVE_KEY = 'sg-lab.autosave';

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

/** Opens the app once, stores `raw` as its autosave, and opens it again on it. */
export async function openWithAutosave(page: Page, raw: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(
    ([key, value]) => {
      window.localStorage.clear();
      window.localStorage.setItem('sg-lab.welcomed', '1');
      window.localStorage.setItem(key as string, value as string);
    },
    [AUTOSAVE_KEY, raw],
  );
  await page.reload();
  await page.getByRole('heading', { name: 'SG Lab' }).waitFor();
}

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

export const storedAutosave = (page: Page) =>
  page.evaluate((key) => window.localStorage.getItem(key), AUTOSAVE_KEY);
