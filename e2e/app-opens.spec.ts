import AxeBuilder from '@axe-core/playwright';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';

test('opens on the built-in scenario with its instances, groups and live expectations', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByText('Three-tier web app')).toBeVisible();

  await expect(app.instance('web-a')).toContainText('10.0.11.10');
  await expect(app.instance('web-a')).toContainText('sg-web');
  await expect(app.instance('bastion')).toContainText('public 198.51.100.10');
  await expect(app.subnet('public-a')).toContainText('public');
  await expect(app.subnet('app-a')).toContainText('private');

  await app.group('sg-db').click();
  const rules = app.rulesOf('sg-db');
  await expect(rules.getByRole('row')).toHaveCount(2);
  await expect(rules.getByRole('row').nth(1)).toContainText('PostgreSQL');
  await expect(rules.getByRole('row').nth(1)).toContainText('5432');
  await expect(rules.getByRole('row').nth(1)).toContainText('sg-web');
  await rules.getByRole('tab', { name: /Outbound rules/ }).click();
  await expect(rules.getByRole('row').nth(1)).toContainText('All traffic');
  await expect(rules.getByRole('row').nth(1)).toContainText('0.0.0.0/0');

  const exp = app.expectations();
  await expect(exp).toContainText('6/6 pass');
  await expect(exp.getByRole('listitem').first()).toContainText('✓');
});

test('has no axe violations (WCAG 2 A/AA) at desktop and phone width', async ({ page }) => {
  const app = new AppPage(page);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await app.open();
    await page.screenshot({ path: `e2e/.artifacts/app-${size.width}.png`, fullPage: true });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  }
});
