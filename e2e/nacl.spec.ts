/**
 * Network ACLs as a user meets them: create one, associate the subnet, watch the trace stop at the
 * subnet's edge (the request, then the reply), fix the reply with the suggested entry, and undo.
 */
import AxeBuilder from '@axe-core/playwright';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { Traffic } from './support/traffic';

test('an ACL that blocks the reply: the trace says so, the suggested entry fixes it, undo takes it back', async ({
  page,
}) => {
  // eleven steps and a whole-page axe run: 37 s once on a busy CI machine
  test.setTimeout(60_000);
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open('?scenario=single-web-server');

  await app.navigator().getByRole('button', { name: '+ Create network ACL' }).click();
  const details = app.details();
  await expect(details.getByRole('heading', { name: /Network ACL acl-1/ })).toBeVisible();
  await expect(details).toContainText('No inbound rules: the final * rule denies');
  // the final * rule is shown last and cannot be edited
  await expect(details.getByRole('table').getByRole('row').last()).toContainText('*');
  await details.getByRole('checkbox', { name: /public-a/ }).check();
  await expect(app.subnet('public-a').getByRole('button', { name: 'ACL acl-1' })).toBeVisible();

  await traffic.send('Internet (203.0.113.7)', 'web', 'HTTPS (TCP 443)');
  await expect(traffic.trace()).toContainText('DENIED at nacl-inbound');
  await expect(traffic.trace()).toContainText('no entry matched TCP 443 from 203.0.113.7');

  // let HTTPS in: the request passes, and the stateless ACL drops the reply
  await app.navigator().getByRole('button', { name: /acl-1/ }).click();
  await details.getByRole('button', { name: 'Add rule' }).click();
  await details
    .getByRole('combobox', { name: 'Type of rule 100' })
    .selectOption({ label: 'HTTPS' });
  await traffic.send('Internet (203.0.113.7)', 'web', 'HTTPS (TCP 443)');
  const trace = traffic.trace();
  await expect(trace).toContainText('DENIED at nacl-response (a network ACL dropped the reply)');
  await expect(trace).toContainText('the reply, TCP 49152 to 203.0.113.7');
  await expect(trace).toContainText('Network ACLs are stateless');
  const showAll = trace.getByRole('button', { name: 'Show all' });
  if ((await showAll.isVisible()) && (await showAll.isEnabled())) await showAll.click();
  await expect(app.subnet('public-a')).toContainText('ACL out (reply) denied');

  const fix = trace.getByRole('button', {
    name: /Allow it: Add outbound rule 10: allow TCP 1024-65535/,
  });
  await expect(fix).toContainText('(for the reply)');
  await fix.click();
  await expect(trace).toContainText('ALLOWED');
  await app.navigator().getByRole('button', { name: /acl-1/ }).click();
  await details.getByRole('tab', { name: 'Outbound rules (1)' }).click();
  await expect(details.getByRole('textbox', { name: 'Port range of rule 10' })).toHaveValue(
    '1024-65535',
  );
  await page.screenshot({ path: 'e2e/.artifacts/nacl-fixed.png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
    [],
  );

  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(details.getByRole('tab', { name: 'Outbound rules (0)' })).toBeVisible();
  await expect(trace).toContainText('DENIED at nacl-response');
});

test('a deny entry keeps one address out; numbered after the allow it never matches, and the findings say so', async ({
  page,
}) => {
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open('?scenario=single-web-server');
  await app.subnet('public-a').getByRole('button', { name: 'public-a' }).click();
  // the subnet picks its ACL: the VPC's default one, allow all
  await expect(app.details().getByLabel('Network ACL')).toHaveValue(/default/);
  await app.details().getByRole('button', { name: 'Open' }).click();
  const details = app.details();
  await expect(details.getByRole('heading', { name: /Network ACL default/ })).toBeVisible();
  await expect(details).toContainText('This is the ACL AWS created with the VPC');
  // entry 100 allows everything; a deny numbered 200 comes too late
  await details.getByRole('button', { name: 'Add rule' }).click();
  await details.getByRole('combobox', { name: 'Allow or deny, rule 200' }).selectOption('deny');
  await details.getByRole('textbox', { name: 'Source of rule 200' }).fill('203.0.113.7/32');
  await details.getByRole('textbox', { name: 'Source of rule 200' }).press('Enter');
  await expect(details.getByRole('list', { name: 'Findings about this ACL' })).toContainText(
    'it never matches',
  );
  await traffic.send('Internet (203.0.113.7)', 'web', 'HTTP (TCP 80)');
  await expect(traffic.trace()).toContainText('ALLOWED');
  // renumbered below 100 it decides first
  const number = details.getByRole('textbox', { name: 'Rule number (now 200)' });
  await number.fill('90');
  await number.press('Enter');
  await expect(details.getByRole('list', { name: 'Findings about this ACL' })).toHaveCount(0);
  await traffic.send('Internet (203.0.113.7)', 'web', 'HTTP (TCP 80)');
  await expect(traffic.trace()).toContainText('DENIED at nacl-inbound');
  await expect(traffic.trace()).toContainText('rule 90 deny');
  // the connection opened before the deny is blocked at once: ACLs track nothing
  await traffic.tab(/Connections/);
  const open = traffic.panel().getByRole('region', { name: 'Tracked connections' });
  await expect(open.getByRole('row', { name: /conn-1/ })).toContainText('blocked by a network ACL');
  await open.getByRole('button', { name: 'Send another packet on conn-1' }).click();
  await expect(traffic.panel()).toContainText('rule 90 deny');
});

test('phone: the ACL editor fits, its rows scroll sideways inside the panel', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new AppPage(page);
  await app.open('?scenario=single-web-server');
  await page
    .getByRole('navigation', { name: 'Parts of the app' })
    .getByRole('button', { name: 'World' })
    .click();
  await app.navigator().getByRole('button', { name: '+ Create network ACL' }).click();
  const details = app.details();
  await expect(details.getByRole('heading', { name: /Network ACL acl-1/ })).toBeInViewport();
  await details.getByRole('button', { name: 'Add rule' }).click();
  await expect(details.getByRole('textbox', { name: 'Rule number (now 100)' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'e2e/.artifacts/nacl-phone.png' });
});
