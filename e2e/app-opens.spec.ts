import AxeBuilder from '@axe-core/playwright';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';

test('opens on the built-in scenario with its instances, groups and live expectations', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Three-tier web app');

  await expect(app.instance('web-a')).toContainText('10.0.11.10');
  await expect(app.instance('web-a')).toContainText('sg-web');
  await expect(app.instance('web-a')).toContainText(
    'HTTPS reachable from the internet via shop-alb',
  );
  await expect(app.instance('bastion')).toContainText('public 198.51.100.10');
  await expect(app.instance('bastion')).toContainText('SSH from You (My IP)');
  await expect(app.subnet('public-a')).toContainText('public');
  await expect(app.subnet('app-a')).toContainText('private');

  await app.openGroup('sg-db');
  const inbound = app.grid('Inbound', 'db');
  await expect(inbound.getByRole('row')).toHaveCount(2);
  const rule = app.row(inbound, 0);
  await expect(rule.getByLabel('Type', { exact: true })).toHaveValue('postgresql');
  await expect(rule).toContainText('5432');
  await expect(rule.getByLabel('Source', { exact: true })).toHaveValue('sg-web');
  await app
    .details()
    .getByRole('tab', { name: /Outbound rules/ })
    .click();
  const outbound = app.grid('Outbound', 'db');
  await expect(app.row(outbound, 0).getByLabel('Type', { exact: true })).toHaveValue('all-traffic');
  await expect(app.row(outbound, 0).getByLabel('Destination', { exact: true })).toHaveValue(
    '0.0.0.0/0',
  );

  const exp = app.expectations();
  await expect(exp).toContainText('6/6 pass');
  await expect(exp.getByRole('listitem').first()).toContainText('✓');
});

const SCREENS = {
  overview: async () => {},
  group: async (app: AppPage) => app.openGroup('sg-web'),
  instance: async (app: AppPage) => app.openInstance('bastion'),
  'create-group': async (app: AppPage) =>
    app.navigator().getByRole('button', { name: '+ Create security group' }).click(),
  'launch-instance': async (app: AppPage) =>
    app.navigator().getByRole('button', { name: '+ Launch instance' }).click(),
  'load-balancer': async (app: AppPage) =>
    app
      .navigator()
      .getByRole('button', { name: /shop-alb/ })
      .click(),
  vpc: async (app: AppPage) =>
    app
      .navigator()
      .getByRole('button', { name: /VPC shop/ })
      .click(),
  'prefix-list': async (app: AppPage) =>
    app.navigator().getByRole('button', { name: '+ Add prefix list' }).click(),
};

for (const [screen, open] of Object.entries(SCREENS)) {
  test(`${screen}: no axe violations (WCAG 2 A/AA) at desktop and phone width, light and dark`, async ({
    page,
  }) => {
    const app = new AppPage(page);
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await app.open();
        await open(app);
        await page.screenshot({
          path: `e2e/.artifacts/${screen}-${size.width}-${scheme}.png`,
          fullPage: true,
        });
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        expect(
          results.violations.map(
            (v) =>
              `${scheme} ${size.width}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          ),
        ).toEqual([]);
        // nothing may stick out sideways on a phone
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `horizontal overflow at ${size.width}px`).toBeLessThanOrEqual(0);
      }
    }
  });
}
