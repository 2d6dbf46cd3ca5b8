/**
 * Sharing as users do it: copy a link, open it elsewhere; open a stranger's link without losing
 * your own work; a damaged link; a link whose names carry script; files in and out; two tabs.
 */
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { threeTier } from './support/stored';
import { Traffic } from './support/traffic';

async function rename(page: Page, name: string) {
  await page.getByLabel('Scenario name').fill(name);
  await page.getByLabel('Scenario name').press('Enter');
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  const link = dialog.getByLabel('Link', { exact: true });
  await expect(link).toHaveValue(/#s=1\./);
  const value = await link.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return value;
}

test('share a link: copy it, see its length and QR code, open it in a second browser', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new AppPage(page);
  await app.open();
  await rename(page, 'Shared shop');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  await expect(dialog).toContainText('characters');
  await expect(dialog.getByRole('img', { name: /QR code of the link/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied ✓' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await dialog.getByLabel('Link', { exact: true }).inputValue());
  await page.screenshot({ path: 'e2e/.artifacts/share-dialog.png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
    [],
  );
  // the address bar carries the same document
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#s=1\./);

  // someone else: a browser of their own, with nothing saved
  const elsewhere = await browser.newContext({ baseURL: page.url() });
  const other = await elsewhere.newPage();
  await other.goto(copied);
  await expect(other.getByLabel('Scenario name')).toHaveValue('Shared shop');
  await expect(other.getByTestId('notice')).toContainText(
    'Opened the shared scenario “Shared shop”',
  );
  await elsewhere.close();
});

test('opening a link keeps your own work in Recent scenarios, one click away', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await rename(page, 'Someone else’s lab');
  const link = await shareLink(page);
  await rename(page, 'My own work');
  // the address bar drops the old fragment at the edit, then catches up with the document
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#.+/);
  expect(await page.evaluate(() => window.location.hash)).not.toBe(link.slice(link.indexOf('#')));
  // a link arrives in this tab, as when one is pasted into the address bar
  await page.evaluate((l) => (window.location.hash = l.slice(l.indexOf('#'))), link);
  await page.reload();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Someone else’s lab');
  const notice = app.notice();
  await expect(notice).toContainText('Your previous work, “My own work”, is in Recent scenarios');
  await notice.getByRole('button', { name: 'Back to “My own work”' }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue('My own work');
  await page.getByRole('button', { name: 'Recent', exact: true }).click();
  const recent = page.getByRole('dialog', { name: 'Recent scenarios' });
  await expect(recent.getByLabel('Name of My own work')).toBeVisible();
  await expect(recent.getByLabel('Name of Someone else’s lab')).toBeVisible();
  await page.screenshot({ path: 'e2e/.artifacts/share-recent.png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('a damaged link says why and changes nothing', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await rename(page, 'Precious work');
  const link = await shareLink(page);
  const fragment = link.slice(link.indexOf('#'));
  // the address bar has caught up with the document before the damaged link arrives
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(fragment);
  await page.evaluate((f) => (window.location.hash = f), fragment.slice(0, 300));
  await page.reload();
  await expect(app.notice()).toContainText('This link could not be opened (LINK_TRUNCATED)');
  await expect(app.notice()).toContainText('Your own work is unchanged');
  await expect(page.getByLabel('Scenario name')).toHaveValue('Precious work');
});

test('a link whose names carry script and HTML shows them as typed and runs nothing', async ({
  page,
}) => {
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const app = new AppPage(page);
  await app.open();
  await rename(page, `Lab ${payload}`);
  const link = await shareLink(page);
  const fresh = await page.context().newPage();
  await fresh.goto(link);
  await expect(fresh.getByLabel('Scenario name')).toHaveValue(`Lab ${payload}`);
  expect(await fresh.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await fresh.locator('main img, main script').count()).toBe(0);
});

test('files: download the scenario, open it again; a bad file is refused with its paths', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await rename(page, 'Exported lab');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const file = await download;
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  expect(JSON.parse(text).name).toBe('Exported lab');

  await rename(page, 'Something else');
  const bad = { ...threeTier(), vpcs: 3 };
  await page.locator('summary', { hasText: 'New' }).click();
  await page.getByLabel('Scenario file, AWS CLI output or Terraform JSON').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(app.notice()).toContainText('bad.json was not opened: vpcs: vpcs must be an array');
  await expect(page.getByLabel('Scenario name')).toHaveValue('Something else');
  await page.getByLabel('Scenario file, AWS CLI output or Terraform JSON').setInputFiles({
    name: 'exported-lab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(page.getByLabel('Scenario name')).toHaveValue('Exported lab');
});

test('two tabs editing: each keeps its own entry in Recent scenarios', async ({
  page,
  context,
}) => {
  const app = new AppPage(page);
  await app.open();
  const second = await context.newPage();
  await second.goto('/');
  await second.getByRole('heading', { name: 'SG Lab' }).waitFor();
  await rename(page, 'Edited in tab one');
  await rename(second, 'Edited in tab two');
  await page.waitForTimeout(800);
  await page.getByRole('button', { name: 'Recent', exact: true }).click();
  const recent = page.getByRole('dialog', { name: 'Recent scenarios' });
  await expect(recent.getByLabel('Name of Edited in tab one')).toBeVisible();
  await expect(recent.getByLabel('Name of Edited in tab two')).toBeVisible();
});

test('import real AWS CLI output: several files at once, with a report of what did not map', async ({
  page,
}) => {
  const folder = path.resolve(import.meta.dirname, '../src/test-support/fixtures/aws-cli-examples');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: readFileSync(path.join(folder, name)),
    }));
  const app = new AppPage(page);
  await app.open();
  await page.locator('summary', { hasText: 'New' }).click();
  await page.getByLabel('Scenario file, AWS CLI output or Terraform JSON').setInputFiles(files);
  await expect(page.getByLabel('Scenario name')).toHaveValue('Imported from AWS');
  await expect(app.notice()).toContainText('could not be mapped as they are');
  await expect(app.notice()).toContainText('Your previous work, “Three-tier web app”');
  await app.notice().getByRole('button', { name: 'Show the import report' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('10-0-0-157');
  await expect(report).toContainText('line 53, column 9');
  await page.screenshot({ path: 'e2e/.artifacts/share-import-report.png' });
  await report.getByRole('button', { name: 'Close' }).click();
  await app.openGroup('sg-0a1b2c3d4e5f60718');
  await expect(app.grid('Inbound', 'web-tier').getByRole('row')).toHaveCount(9); // 8 rules + header
});

test('the Import dialog: pasted AWS outputs build one scenario with its balancer; a Terraform plan too', async ({
  page,
}) => {
  const fixtures = path.resolve(import.meta.dirname, '../src/test-support/fixtures');
  const elb = path.join(fixtures, 'aws-cli-examples', 'elbv2');
  const app = new AppPage(page);
  await app.open();
  await page.locator('summary', { hasText: 'New' }).click();
  await page.getByRole('button', { name: 'Import from AWS or Terraform…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from AWS or Terraform' });
  const box = dialog.getByLabel('Pasted output 1');
  await expect(box).toBeFocused();
  await box.fill(readFileSync(path.join(elb, 'account.json'), 'utf8'));
  await dialog.getByRole('button', { name: 'Paste another output' }).click();
  await dialog
    .getByLabel('Pasted output 2')
    .fill(readFileSync(path.join(elb, 'describe-load-balancers.output1.json'), 'utf8'));
  await dialog
    .getByLabel('AWS CLI output or Terraform JSON files')
    .setInputFiles(
      [
        'describe-listeners.output2.json',
        'describe-target-groups.output1.json',
        'describe-target-health.output1.json',
      ].map((name) => path.join(elb, name)),
    );
  await expect(dialog.getByRole('list', { name: 'To import' }).getByRole('listitem')).toHaveCount(
    5,
  );
  await page.screenshot({ path: 'e2e/.artifacts/share-import-dialog.png' });
  const axe = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
    [],
  );
  await dialog.getByRole('button', { name: 'Import 5 outputs' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Imported from AWS');
  await expect(app.navigator()).toContainText('my-load-balancer');
  // HTTPS through the imported balancer reaches both imported targets
  const traffic = new Traffic(page);
  await traffic.send('Internet (203.0.113.7)', 'my-load-balancer', 'HTTPS (TCP 443)');
  await expect(traffic.trace().getByRole('heading')).toContainText(
    'Internet → my-load-balancer TCP 443: ALLOWED',
  );

  await page.locator('summary', { hasText: 'New' }).click();
  await page.getByRole('button', { name: 'Import from AWS or Terraform…' }).click();
  await dialog
    .getByLabel('AWS CLI output or Terraform JSON files')
    .setInputFiles(path.join(fixtures, 'terraform', 'shop.plan.json'));
  await dialog.getByRole('button', { name: 'Import 1 output' }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Imported from Terraform');
  await app.notice().getByRole('button', { name: 'Show the import report' }).click();
  await expect(page.getByRole('dialog', { name: 'Import report' })).toContainText(
    'named after their Terraform address',
  );
});

test('export for AWS from the Share dialog: Terraform, CloudFormation and the AWS CLI script', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  await expect(dialog.getByLabel('AWS CLI script export')).toHaveValue(
    /create-security-group --group-name 'web'/,
  );
  await dialog.getByLabel('Format').selectOption({ label: 'Terraform' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download security-groups.tf' }).click();
  const file = await download;
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  expect(text).toContain('resource "aws_vpc_security_group_ingress_rule" "web_ingress_1"');
  await dialog.getByLabel('Format').selectOption({ label: 'CloudFormation (YAML)' });
  await expect(dialog.getByLabel('CloudFormation (YAML) export')).toHaveValue(
    /AWS::EC2::SecurityGroupIngress/,
  );
});
