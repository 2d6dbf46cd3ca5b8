/**
 * Stranger data in the browser: a poisoned, a damaged large and a script-carrying autosave, and a
 * full storage. The app always renders, says what happened, runs nothing and loses nothing.
 */
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import {
  autosaveOf,
  keptAside,
  LEGACY_AUTOSAVE_KEY,
  openWithAutosave,
  storedAutosave,
  threeTier,
} from './support/stored';

test('a poisoned sent flow neither blanks the app nor loses the scenario', async ({ page }) => {
  const scenario = { ...threeTier(), name: 'My own work' };
  const raw = autosaveOf(scenario, [
    { from: 'host-you', to: 'i-bastion', protocol: 'tcp', port: 22 },
    { from: 'host-you', to: 'i-bastion', protocol: 'icmp', icmpCode: { toString: 1 } },
  ]);
  await openWithAutosave(page, raw);
  const app = new AppPage(page);
  await expect(page.getByLabel('Scenario name')).toHaveValue('My own work');
  await expect(app.notice()).toContainText(
    'one sent flow did not read: flows[1].icmpCode must be a whole number',
  );
  await expect(app.notice()).toContainText("kept aside in this browser's database");
  await expect(page.getByRole('region', { name: 'Traffic' })).toBeVisible();
  await page.getByRole('tab', { name: /History \(1\)/ }).click();
  const kept = await keptAside(page);
  expect(kept.map((k) => k.raw)).toEqual([raw]);
  // it reloads cleanly from here on: the autosave now holds what was restored
  await page.getByRole('tab', { name: /Send/ }).click();
  await app.reload();
  await expect(page.getByLabel('Scenario name')).toHaveValue('My own work');
  await expect(app.notice()).toContainText('Restored your autosaved work.');
});

test('a 3 MB damaged autosave is kept whole before anything is written over it', async ({
  page,
}) => {
  const scenario = threeTier();
  const padding = 'x'.repeat(3_000_000);
  const raw = `${autosaveOf({ ...scenario, description: padding }).slice(0, -40)}`; // cut: not JSON
  await openWithAutosave(page, raw);
  const app = new AppPage(page);
  await expect(app.notice()).toContainText(
    "kept aside in this browser's database: nothing was lost",
  );
  const kept = await keptAside(page);
  expect(kept).toHaveLength(1);
  expect(kept[0]?.raw.length).toBe(raw.length);
  expect(kept[0]?.reason).toMatch(/not valid JSON/);
  // the app opened the built-in scenario and autosaves it again from now on
  await expect(page.getByLabel('Scenario name')).toHaveValue('Three-tier web app');
  await page.getByLabel('Scenario name').fill('Fresh start');
  await page.getByLabel('Scenario name').press('Enter');
  await expect.poll(() => storedAutosave(page)).toContain('Fresh start');
});

test('work autosaved in localStorage by an earlier SG Lab opens, and moves to IndexedDB', async ({
  page,
}) => {
  const scenario = { ...threeTier(), name: 'Saved before the update' };
  await page.goto('/');
  await page.evaluate(
    ([key, raw]) => {
      window.localStorage.setItem('sg-lab.welcomed', '1');
      window.localStorage.setItem(key as string, raw as string);
    },
    [LEGACY_AUTOSAVE_KEY, autosaveOf(scenario)],
  );
  await page.reload();
  const app = new AppPage(page);
  await expect(page.getByLabel('Scenario name')).toHaveValue('Saved before the update');
  await page.getByLabel('Scenario name').fill('Edited after it');
  await page.getByLabel('Scenario name').press('Enter');
  await expect.poll(() => storedAutosave(page)).toContain('Edited after it');
  // gone from localStorage once IndexedDB has the work
  await expect
    .poll(() => page.evaluate((key) => localStorage.getItem(key), LEGACY_AUTOSAVE_KEY))
    .toBeNull();
  await app.reload();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Edited after it');
});

test('names carrying script and HTML show as typed, and nothing runs', async ({ page }) => {
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const scenario = threeTier();
  scenario.name = `Lab ${payload}`;
  scenario.instances[0] = { ...scenario.instances[0], name: `web ${payload}` };
  await openWithAutosave(page, autosaveOf(scenario));
  await expect(page.getByLabel('Scenario name')).toHaveValue(`Lab ${payload}`);
  await expect(page.getByText(`web ${payload}`).first()).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('main img, main script').count()).toBe(0);
});

test('a full storage says so at once and offers the work as a file', async ({ page }) => {
  await page.addInitScript(() => {
    // the browser refuses the write as a full disk does: the put throws QuotaExceededError
    const real = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'autosave' && (window as { __full?: boolean }).__full)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    };
  });
  const app = new AppPage(page);
  await app.open();
  await page.evaluate(() => ((window as { __full?: boolean }).__full = true));
  await page.getByLabel('Scenario name').fill('Work to keep');
  await page.getByLabel('Scenario name').press('Enter');
  await expect(app.notice()).toContainText(
    'Autosave failed: the browser storage is full — download your work',
  );
  const download = page.waitForEvent('download');
  await app.notice().getByRole('button', { name: 'Download my work' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('work-to-keep.json');
  const text = await (await file.createReadStream()).toArray();
  expect(JSON.parse(Buffer.concat(text).toString('utf8')).name).toBe('Work to keep');
});

test('a 200-character name from a file wraps inside its card and breaks no layout', async ({
  page,
}) => {
  const scenario = threeTier();
  const long = `web-${'a'.repeat(196)}`;
  scenario.instances[0] = { ...scenario.instances[0], name: long };
  await openWithAutosave(page, autosaveOf(scenario));
  const card = page.locator('li.card', { hasText: long.slice(0, 40) });
  const subnet = card.locator('xpath=ancestor::section[1]');
  const c = await card.boundingBox();
  const s = await subnet.boundingBox();
  expect(c && s && c.x >= s.x && c.x + c.width <= s.x + s.width + 1).toBe(true);
  // and the name itself stays inside the card: nothing spills over the next subnet
  const spill = await card.evaluate(
    (el) =>
      Math.max(...[...el.querySelectorAll('*')].map((x) => x.getBoundingClientRect().right)) -
      el.getBoundingClientRect().right,
  );
  expect(spill).toBeLessThanOrEqual(1);
  // the diagram does not grow sideways to fit one word
  const diagram = page.locator('.topology-pane');
  expect(await diagram.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
