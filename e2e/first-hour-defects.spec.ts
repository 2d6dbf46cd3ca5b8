/**
 * Each defect a newcomer met in the first hour, as they met it, so that it stays fixed.
 */
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { Traffic } from './support/traffic';

test('the create form promises exactly what the group gets; the VPC shows its IPv6 block', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.navigator().getByRole('button', { name: '+ Create security group' }).click();
  await expect(app.details()).toContainText(
    'two outbound rules: all traffic to 0.0.0.0/0 and to ::/0, because this VPC has the IPv6 block 2001:db8:1234:1a00::/56',
  );
  await page.getByLabel('Security group name').fill('tools');
  await page.getByLabel('Description').fill('Tools');
  await page.getByRole('button', { name: 'Create security group', exact: true }).click();
  await expect(app.details().getByRole('tab', { name: 'Outbound rules (2)' })).toBeVisible();
  await app
    .navigator()
    .getByRole('button', { name: /VPC shop/ })
    .click();
  await expect(app.details()).toContainText('IPv6 block: 2001:db8:1234:1a00::/56');
});

test('Add rule: a draft with focus in it, then one clear message per field once it is left', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-web');
  await app.details().getByRole('button', { name: 'Add rule' }).click();
  const grid = app.grid('Inbound', 'web');
  const row = app.row(grid, 2);
  await expect(row.getByLabel('Type', { exact: true })).toBeFocused();
  await expect(row).not.toHaveAttribute('aria-invalid', 'true');
  await expect(row.locator('.msg.error')).toHaveCount(0);
  const port = row.getByLabel('Port range');
  await port.click();
  await port.fill('70000');
  await port.press('Tab');
  await expect(row.locator('.msg.error')).toHaveText([
    /Port 70000 is out of range: ports are whole numbers from 0 to 65535/,
  ]);
  const source = row.getByLabel('Source', { exact: true });
  await source.click();
  await source.fill('10.0.0.300/24');
  await expect(row).toContainText('CIDR block 10.0.0.300/24 is malformed: 300 is not 0–255.');
  // a host-bits fix button stays inside the panel
  await source.fill('10.0.0.5/24');
  const fix = row.getByRole('button', { name: /Use 10\.0\.0\.0\/24/ });
  await expect(fix).toBeVisible();
  const panel = await app.details().boundingBox();
  const box = await fix.boundingBox();
  expect(box && panel && box.x + box.width <= panel.x + panel.width + 1).toBe(true);
  expect(await app.details().evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(
    0,
  );
});

test('SSH opened to the world is named in the notice even where no route lets it in', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-db');
  await app.details().getByRole('button', { name: 'Add rule' }).click();
  const row = app.row(app.grid('Inbound', 'db'), 1);
  await row.getByLabel('Type', { exact: true }).selectOption({ label: 'SSH' });
  await row.getByLabel('Source type').selectOption({ label: 'Anywhere-IPv4' });
  await expect(app.notice()).toContainText('opens SSH (22) to the whole internet');
  await expect(app.notice()).toContainText('no route lets the internet in today');
  await expect(app.notice()).not.toContainText('stay the same');
});

test('Send to every destination leaves no stale trace; Launch does not pick the balancer group', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open();
  await traffic.send('Internet (203.0.113.7)', 'bastion', 'SSH (TCP 22)');
  await expect(traffic.trace()).toBeVisible();
  await traffic.panel().getByRole('button', { name: 'Send to every destination' }).click();
  await expect(traffic.trace()).toHaveCount(0);
  await expect(traffic.panel()).toContainText('Send a flow, or pick one from the history');

  await app.navigator().getByRole('button', { name: '+ Launch instance' }).click();
  await page
    .getByRole('combobox', { name: 'Subnet' })
    .selectOption({ label: 'public-b (10.0.2.0/24, us-east-1b, public)' });
  await expect(page.getByRole('combobox', { name: 'Security group' })).not.toHaveValue('sg-alb');
  await page
    .getByRole('combobox', { name: 'Subnet' })
    .selectOption({ label: 'app-b (10.0.12.0/24, us-east-1b, private)' });
  await expect(page.getByRole('combobox', { name: 'Security group' })).toHaveValue('sg-web');
});

test('a denied trace stops the drawn path at the blocker', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open();
  await app.openGroup('sg-bastion');
  await app
    .details()
    .getByRole('tab', { name: /Outbound rules/ })
    .click();
  await app.row(app.grid('Outbound', 'bastion'), 0).getByRole('button', { name: 'Delete' }).click();
  await traffic.send('bastion', 'Internet (203.0.113.7)', 'HTTPS (TCP 443)');
  await expect(traffic.trace()).toContainText('DENIED');
  // dropped on leaving bastion: no line is drawn on toward the internet gateway
  await expect(page.locator('svg.packet-path line')).toHaveCount(0);
  await expect(traffic.trace().getByRole('list', { name: "The packet's path" })).toContainText(
    'not reached',
  );
});

test('the 1,000-instance world: opening a trace from the matrix keeps the diagram as it was', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open('?scenario=large');
  const diagram = page.locator('.topology-pane');
  const before = await diagram.evaluate((el) => el.scrollHeight);
  await traffic.tab('Reachability matrix');
  const grid = traffic.panel().getByRole('grid');
  await grid.getByRole('gridcell').nth(5).getByRole('button').click();
  await expect(traffic.trace()).toBeVisible();
  const after = await diagram.evaluate((el) => el.scrollHeight);
  // only the two instances of the flow come out of their collapsed subnets
  expect(after - before).toBeLessThan(600);
  await page.screenshot({ path: 'e2e/.artifacts/first-hour-large-trace.png' });
});
