/** The editor as a new user meets it: groups, rules, attachments, validation, undo, autosave. */
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';

test('create a group, add SSH from My IP with the preset, attach it, and the badge appears', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();

  // a new instance in a public subnet, with a public IP
  await app.navigator().getByRole('button', { name: '+ Launch instance' }).click();
  await page.getByLabel('Name', { exact: true }).fill('jump');
  await page
    .getByRole('combobox', { name: 'Subnet' })
    .selectOption({ label: 'public-b (10.0.2.0/24, us-east-1b, public)' });
  await page.getByRole('combobox', { name: 'Security group' }).selectOption('sg-web');
  await page.getByLabel('Auto-assign a public IP').check();
  await page.getByRole('button', { name: 'Launch instance', exact: true }).click();
  await expect(app.instance('jump')).toContainText('10.0.2.4');
  await expect(app.instance('jump')).not.toContainText('SSH');

  await app.navigator().getByRole('button', { name: '+ Create security group' }).click();
  await page.getByLabel('Security group name').fill('ssh-admin');
  await page.getByLabel('Description').fill('SSH for me');
  await page.getByRole('button', { name: 'Create security group', exact: true }).click();
  await expect(app.details().getByRole('heading', { name: /ssh-admin/ })).toBeVisible();
  await expect(app.details()).toContainText('No inbound rules');
  // all traffic out, to 0.0.0.0/0 and (the VPC has IPv6) to ::/0
  await expect(app.details().getByRole('tab', { name: 'Outbound rules (2)' })).toBeVisible();

  await app.details().getByRole('button', { name: 'Add rule' }).click();
  const grid = app.grid('Inbound', 'ssh-admin');
  const rule = app.row(grid, 0);
  // a new rule is a draft: focus in its first cell, no errors before anything is typed
  await expect(rule).toHaveClass(/draft-row/);
  await expect(rule).not.toHaveAttribute('aria-invalid', 'true');
  await expect(rule.getByLabel('Type', { exact: true })).toBeFocused();
  await rule.getByLabel('Type', { exact: true }).selectOption({ label: 'SSH' });
  await expect(rule).toContainText('22');
  await rule.getByLabel('Source type').selectOption({ label: 'My IP (You)' });
  await expect(rule.getByLabel('Source', { exact: true })).toHaveValue('198.51.100.77/32');
  await expect(rule).not.toHaveAttribute('aria-invalid', 'true');

  await app.openInstance('jump');
  await app.details().getByRole('button', { name: 'Change security groups' }).click();
  await app
    .details()
    .getByRole('checkbox', { name: /ssh-admin/ })
    .check();
  await app.details().getByRole('button', { name: 'Save security groups' }).click();
  await expect(app.instance('jump')).toContainText('SSH from You (My IP)');
  await expect(app.notice()).toContainText(
    'Change the security groups of jump. Affects 1 instance: jump',
  );
  await page.screenshot({ path: 'e2e/.artifacts/flow-attach.png', fullPage: true });
});

test('a bad CIDR gets a clear message, a bare IP gets its /32 fix, and nothing is lost', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-web');
  const rule = app.row(app.grid('Inbound', 'web'), 0);
  const source = rule.getByLabel('Source', { exact: true });

  await source.fill('10.0.0.300/24');
  await expect(rule).toContainText('CIDR block 10.0.0.300/24 is malformed');
  await expect(source).toHaveAttribute('aria-invalid', 'true');

  await source.fill('203.0.113.5');
  await expect(rule).toContainText('203.0.113.5 is an address, not a CIDR block');
  await rule.getByRole('button', { name: 'Use 203.0.113.5/32' }).click();
  await expect(source).toHaveValue('203.0.113.5/32');
  await expect(rule).not.toHaveAttribute('aria-invalid', 'true');

  await source.fill('10.0.0.5/24');
  await expect(rule).toContainText('AWS will store 10.0.0.0/24');

  // letters in a port cannot be stored: the draft stays with its message until fixed
  await app.openGroup('sg-bastion');
  await app.details().getByRole('button', { name: 'Add rule' }).click();
  const fresh = app.row(app.grid('Inbound', 'bastion'), 1);
  const ports = fresh.getByLabel('Port range');
  await ports.fill('ssh');
  await ports.press('Tab');
  await expect(ports).toHaveValue('ssh');
  await expect(fresh).toContainText('Type a port (0-65535) or a range such as 8000-8100.');
  await ports.fill('70000');
  await ports.press('Enter');
  await expect(fresh).toContainText('70000');
  await expect(fresh).toHaveAttribute('aria-invalid', 'true');
});

test('undo and redo with the keyboard and the buttons; reload keeps the work', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-bastion');
  const type = app.row(app.grid('Inbound', 'bastion'), 0).getByLabel('Type', { exact: true });
  await expect(type).toHaveValue('ssh');
  await type.selectOption({ label: 'HTTPS' });
  await expect(type).toHaveValue('https');
  await expect(app.notice()).toContainText('Set the type to HTTPS');
  await expect(app.expectations()).toContainText('5/6 pass');

  await page.keyboard.press('Control+z');
  await expect(type).toHaveValue('ssh');
  await expect(app.notice()).toContainText('Undid: Set the type to HTTPS');
  await expect(app.expectations()).toContainText('6/6 pass');
  await page.keyboard.press('Control+Shift+z');
  await expect(type).toHaveValue('https');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(type).toHaveValue('ssh');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(type).toHaveValue('https');
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();

  await page.getByLabel('Scenario name').fill('My shop');
  await page.getByLabel('Scenario name').press('Enter');
  await app.reload();
  await expect(page.getByLabel('Scenario name')).toHaveValue('My shop');
  await expect(app.notice()).toContainText('Restored your autosaved work');
  await app.openGroup('sg-bastion');
  await expect(
    app.row(app.grid('Inbound', 'bastion'), 0).getByLabel('Type', { exact: true }),
  ).toHaveValue('https');
});

test('deleting a group in use is refused with who uses it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-web');
  await app.details().getByRole('button', { name: 'Delete group' }).click();
  const alert = app.details().getByRole('alert');
  await expect(alert).toContainText('DependencyViolation');
  await expect(alert).toContainText('attached to i-web-a (web-a)');
  await expect(alert).toContainText('referenced by sg-db inbound rule');
  await expect(app.navigator().getByRole('button', { name: /sg-web/ })).toBeVisible();

  await app.openGroup('sg-default');
  await app.details().getByRole('button', { name: 'Delete group' }).click();
  await expect(app.details().getByRole('alert')).toContainText('cannot be deleted by a user');
});

test('a rule is edited with the keyboard only (WAI-ARIA grid)', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-web');
  await app
    .details()
    .getByRole('tab', { name: /Inbound rules/ })
    .focus();
  await page.keyboard.press('Tab'); // one tab stop into the grid: the first cell
  const grid = app.grid('Inbound', 'web');
  // the first cell the panel shows (a narrow panel leaves out the rule id and IP version)
  const first = grid.locator('[data-row="0"][tabindex="0"]');
  await expect(first).toBeFocused();
  const portCell = grid.locator('[data-row="0"][data-column="ports"]');
  for (let i = 0; i < 6 && !(await portCell.evaluate((c) => c === document.activeElement)); i++)
    await page.keyboard.press('ArrowRight');
  await expect(portCell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(portCell.getByLabel('Port range')).toBeFocused();
  await page.keyboard.type('8443');
  await page.keyboard.press('Enter');
  await expect(portCell).toBeFocused();
  await expect(portCell.getByLabel('Port range')).toHaveValue('8443');
  await expect(app.notice()).toContainText('Set the port range to 8443');

  // Escape puts the stored value back
  await page.keyboard.press('F2');
  await page.keyboard.type('9999');
  await page.keyboard.press('Escape');
  await expect(portCell.getByLabel('Port range')).toHaveValue('8443');
  await expect(portCell).toBeFocused();

  // inside a cell Tab cycles its widgets; Escape leaves
  await page.keyboard.press('ArrowRight');
  const peer = grid.locator('[data-row="0"][data-col="5"]');
  await page.keyboard.press('Enter');
  await expect(peer.getByLabel('Source type')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(peer.getByLabel('Source', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(peer).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[data-row="1"][data-col="5"]')).toBeFocused();
});

test('a world-open SSH rule is named, cited, and rewritten in one click that undo takes back', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openGroup('sg-bastion');
  await app.details().getByRole('button', { name: 'Add rule' }).click();
  const rule = app.row(app.grid('Inbound', 'bastion'), 1);
  await rule.getByLabel('Type', { exact: true }).selectOption({ label: 'SSH' });
  await rule.getByLabel('Source type').selectOption({ label: 'Anywhere-IPv4' });
  await expect(rule).toContainText('opens SSH (22) to the whole internet');
  await expect(rule).toContainText('Security Hub EC2.13');
  await expect(rule).toContainText('AWS Config restricted-ssh');
  await expect(app.instance('bastion')).toContainText('SSH open to the internet');
  await expect(app.notice()).toContainText('SSH from the internet now allowed');
  await expect(app.expectations()).toContainText('5/6 pass');
  await page.screenshot({ path: 'e2e/.artifacts/flow-world-open.png', fullPage: true });

  await rule.getByRole('button', { name: /Only from inside shop/ }).click();
  await expect(rule.getByLabel('Source', { exact: true })).toHaveValue('10.0.0.0/16');
  await expect(app.instance('bastion')).not.toContainText('SSH open to the internet');
  await expect(app.expectations()).toContainText('6/6 pass');

  await page.keyboard.press('Control+z');
  await expect(rule.getByLabel('Source', { exact: true })).toHaveValue('0.0.0.0/0');
  await expect(app.instance('bastion')).toContainText('SSH open to the internet');
});

test('an instance: stop and start, a wrong address explained, effective rules listed', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.openInstance('web-a');
  const details = app.details();
  await expect(details.getByRole('region', { name: 'Effective inbound rules' })).toContainText(
    'sg-alb',
  );
  await details.getByRole('button', { name: 'Stop instance' }).click();
  await expect(app.instance('web-a')).toContainText('stopped');
  await expect(app.instance('web-a')).not.toContainText('HTTPS reachable');
  await details.getByRole('button', { name: 'Start instance' }).click();
  await expect(app.instance('web-a')).toContainText(
    'HTTPS reachable from the internet via shop-alb',
  );

  const ip = details.getByLabel('Private IPv4');
  await ip.fill('10.0.99.5');
  await expect(details).toContainText('10.0.99.5 is not inside subnet subnet-app-a (10.0.11.0/24)');
  await ip.press('Escape');
  await expect(ip).toHaveValue('10.0.11.10');
});

test('the rest of the world: a VPC, a subnet, a host, a prefix list and a load balancer', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  const nav = app.navigator();

  await nav.getByRole('button', { name: '+ Add VPC' }).click();
  const details = app.details();
  await expect(details.getByRole('heading', { name: /VPC vpc-2/ })).toBeVisible();
  const cidr = details.getByLabel('IPv4 CIDR');
  await expect(cidr).toHaveValue('10.1.0.0/16');
  await cidr.fill('10.1.0.0/8');
  await expect(details).toContainText("A VPC's IPv4 block must be between /16 and /28");
  await cidr.press('Escape');
  await expect(cidr).toHaveValue('10.1.0.0/16');
  await details.getByRole('button', { name: /\+ Add subnet \(10\.1\.0\.0\/24\)/ }).click();
  await expect(details.getByRole('heading', { name: /Subnet subnet-1/ })).toBeVisible();
  await details.getByLabel(/Public subnet/).check();
  await expect(nav.getByRole('button', { name: /subnet-1.*public/ })).toBeVisible();

  // "You" moves: My IP follows
  await nav.getByRole('button', { name: /^You/ }).click();
  await details.getByLabel('IP address').fill('203.0.113.99');
  await details.getByLabel('IP address').press('Enter');
  await expect(app.instance('bastion')).not.toContainText('SSH from You');

  await nav.getByRole('button', { name: /shop-alb/ }).click();
  const port = details.getByLabel('Listener 1 port', { exact: true });
  await port.fill('8443x');
  await port.press('Tab');
  await expect(details).toContainText('Type a whole number from 1 to 65535.');
  await port.fill('8443');
  await port.press('Enter');
  // nothing listens on 443 any more, and You moved away from the bastion's rule
  await expect(app.expectations()).toContainText('4/6 pass');
  await details.getByRole('checkbox', { name: /web-b/ }).uncheck();
  await expect(app.instance('web-b')).not.toContainText('reachable from the internet');

  await nav.getByRole('button', { name: '+ Add prefix list' }).click();
  await expect(details.getByRole('heading', { name: /Prefix list list-1/ })).toBeVisible();
  const entry = details.getByLabel('Entry 1 CIDR');
  await entry.fill('198.51.100.300/24');
  await expect(details).toContainText('is malformed');
  await entry.press('Escape');
  await details.getByRole('button', { name: '+ Add entry' }).click();
  await expect(details.getByLabel('Entry 2 CIDR')).toHaveValue('192.0.2.0/24');
  await page.screenshot({ path: 'e2e/.artifacts/flow-world.png', fullPage: true });
});

test('launching with a typed address: a reserved one is refused and nothing is launched', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.navigator().getByRole('button', { name: '+ Launch instance' }).click();
  await page.getByLabel('Name', { exact: true }).fill('worker');
  await page
    .getByRole('combobox', { name: 'Subnet' })
    .selectOption({ label: 'app-b (10.0.12.0/24, us-east-1b, private)' });
  const ip = page.getByLabel('Private IPv4');
  await expect(ip).toHaveAttribute('placeholder', '10.0.12.4');
  await ip.fill('10.0.12.1');
  await page.getByRole('button', { name: 'Launch instance', exact: true }).click();
  await expect(app.details()).toContainText('10.0.12.1 is reserved by AWS');
  await expect(app.instance('worker')).toHaveCount(0);
  await ip.fill('10.0.12.50');
  await page.getByRole('button', { name: 'Launch instance', exact: true }).click();
  await expect(app.instance('worker')).toContainText('10.0.12.50');
});
