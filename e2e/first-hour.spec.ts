/**
 * A newcomer's first minutes, at a laptop and a phone: the welcome, Send and the trace on screen
 * without scrolling, a trace that never shows ✓ after the packet was dropped, focus that follows
 * a selection, tables that fit their panel, and the glossary behind a code.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';

async function inViewport(page: Page, name: string | RegExp) {
  const box = await page.getByRole('button', { name, exact: true }).first().boundingBox();
  const vp = page.viewportSize();
  expect(box && vp && box.y >= 0 && box.y + box.height <= vp.height, `${name} in view`).toBe(true);
}

test('desktop: welcome, send, a denied trace that stops, focus on details, columns that fit', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  const welcome = page.getByRole('dialog', { name: 'Welcome to SG Lab' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('Three things to try');
  await page.screenshot({ path: 'e2e/.artifacts/first-hour-welcome.png' });
  await welcome.getByRole('button', { name: 'Close' }).click();
  await expect(welcome).toBeHidden();
  await page.getByRole('region', { name: 'Traffic' }).waitFor();
  await inViewport(page, 'Send');

  // break bastion's egress, send to the internet: nothing after the blocker is ✓
  const app = new AppPage(page);
  const diagramBefore = await page.locator('.topology-pane').boundingBox();
  await app.openGroup('sg-bastion');
  // opening a group moves nothing else on screen
  expect(await page.locator('.topology-pane').boundingBox()).toEqual(diagramBefore);
  await expect(page.getByRole('heading', { name: /bastion/ }).first()).toBeFocused();
  await app
    .details()
    .getByRole('tab', { name: /Outbound rules/ })
    .click();
  const out = app.grid('Outbound', 'bastion');
  await app.row(out, 0).getByRole('button', { name: 'Delete' }).click();
  const traffic = page.getByRole('region', { name: 'Traffic' });
  await traffic.getByLabel('From', { exact: true }).selectOption('i-bastion');
  await traffic.getByLabel('To', { exact: true }).selectOption('host-internet');
  await traffic.getByRole('button', { name: 'Send', exact: true }).click();
  const trace = traffic.getByRole('region', { name: /→/ });
  await trace.getByRole('button', { name: 'Show all' }).click();
  const path = trace.getByRole('list', { name: "The packet's path" });
  await expect(path).toContainText('denied');
  await expect(path).toContainText('not reached');
  await expect(path).not.toContainText('allowed');
  await inViewport(page, 'Send');
  const head = await trace.getByRole('heading').first().boundingBox();
  expect(head && head.y + head.height <= 800, 'the trace in view').toBe(true);
  await page.screenshot({ path: 'e2e/.artifacts/first-hour-denied-trace.png' });

  // every column of the rules grid inside its panel
  const panel = await app.details().boundingBox();
  for (const th of await out.getByRole('columnheader').all()) {
    if (!(await th.isVisible())) continue;
    const b = await th.boundingBox();
    expect(b && panel && b.x + b.width <= panel.x + panel.width + 1).toBe(true);
  }

  // a code's ? opens its glossary entry
  await app.details().getByRole('button', { name: 'What is No deny rules?' }).click();
  await expect(page.getByRole('dialog')).toContainText('Security groups cannot deny');
  await page.keyboard.press('Escape');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('phone: a bottom tab bar, and Send on screen in Traffic', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new AppPage(page);
  await app.open();
  const tabs = page.getByRole('navigation', { name: 'Parts of the app' });
  await expect(tabs).toBeVisible();
  await tabs.getByRole('button', { name: 'Traffic' }).click();
  await inViewport(page, 'Send');
  await page.screenshot({ path: 'e2e/.artifacts/first-hour-phone-traffic.png' });
  await tabs.getByRole('button', { name: 'World' }).click();
  await app.openGroup('sg-web');
  // selecting shows the rules tab, focused at its heading
  await expect(tabs.getByRole('button', { name: 'Rules' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: /web/ }).first()).toBeFocused();
  await page.screenshot({ path: 'e2e/.artifacts/first-hour-phone-rules.png' });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('keyboard only: the welcome, a skip link to Traffic, Send, and a group’s rules in a few Tabs', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  const welcome = page.getByRole('dialog', { name: 'Welcome to SG Lab' });
  await expect(welcome.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(welcome).toBeHidden();
  await page.getByRole('region', { name: 'Traffic' }).waitFor();

  // the first Tab stops are the skip links
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to details' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to traffic' })).toBeFocused();
  await page.keyboard.press('Enter');
  const traffic = page.getByRole('region', { name: 'Traffic' });
  const send = traffic.getByRole('button', { name: 'Send', exact: true });
  let presses = 0;
  while (!(await send.evaluate((b) => b === document.activeElement)) && presses < 15) {
    await page.keyboard.press('Tab');
    presses++;
  }
  await expect(send).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(traffic.getByRole('region', { name: /→/ })).toContainText('ALLOWED');

  // choosing a group moves focus to it; its rules are a few Tabs away, not 43
  const app = new AppPage(page);
  await app
    .navigator()
    .getByRole('button', { name: /\bsg-web\b/ })
    .focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /web/ }).first()).toBeFocused();
  const grid = app.grid('Inbound', 'web');
  let tabs = 0;
  while (!(await grid.evaluate((g) => g.contains(document.activeElement))) && tabs < 12) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  expect(tabs).toBeLessThanOrEqual(8);
  await page.keyboard.press('ArrowRight');
  await expect(grid.locator('td:focus')).toHaveCount(1);
});
