/**
 * Load balancers as AWS runs them: the trace of a flow that fails only on some (node, target)
 * pairs, the zone drill with an NLB whose cross-zone is off, and the editor's health per node.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { Traffic } from './support/traffic';

const fixture = path.resolve(
  import.meta.dirname,
  '../src/test-support/fixtures/engine-cases/lb-pairs.json',
);

// every step at once, as text: the trace is read, not watched
test.use({ reducedMotion: 'reduce' });

async function openPairs(page: Page): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open();
  await page.locator('summary', { hasText: 'New' }).click();
  await page.getByLabel('Scenario file, AWS CLI output or Terraform JSON').setInputFiles({
    name: 'lb-pairs.json',
    mimeType: 'application/json',
    buffer: readFileSync(fixture),
  });
  await expect(page.getByLabel('Scenario name')).toHaveValue('lb-pairs');
  // a file set without the picker's click leaves the menu open: close it as a user would
  await page.keyboard.press('Escape');
  if (await page.getByRole('button', { name: 'Open a file…' }).isVisible())
    await page.locator('summary', { hasText: 'New' }).click();
  return app;
}

test('one target drops the traffic port: the trace lists every pair and says the failure is intermittent', async ({
  page,
}) => {
  await openPairs(page);
  const traffic = new Traffic(page);
  await traffic.send('Internet (203.0.113.7)', 'alb-ab', 'HTTPS (TCP 443)');
  const trace = traffic.trace();
  await expect(trace.getByRole('heading')).toContainText('DENIED at ingress');
  await expect(trace).toContainText(
    '2 of 4 (node, target) pairs drop TCP 443: requests fail intermittently',
  );
  const steps = trace.getByRole('list', { name: 'Steps' });
  await expect(steps).toContainText('alb-ab node in us-east-1a → i-good-a (us-east-1a): delivered');
  await expect(steps).toContainText('alb-ab node in us-east-1a → i-bad-b (us-east-1b): TCP 8080');
  // the path shown in full is the pair that drops it
  await expect(steps).toContainText('sends the request to i-bad-b');
  // follow a pair that delivers: its path is walked, the flow stays denied
  await trace
    .getByRole('group', { name: 'Follow one (node, target) pair' })
    .getByRole('button', { name: '✓ us-east-1b → i-good-a' })
    .click();
  await expect(trace.getByRole('heading')).toContainText('DENIED at ingress');
  await expect(steps).toContainText('alb-ab node in us-east-1b sends the request to i-good-a');
  await expect(trace.getByRole('button', { name: '✓ us-east-1b → i-good-a' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.screenshot({ path: 'e2e/.artifacts/balancer-intermittent.png' });
  await trace.screenshot({ path: 'e2e/.artifacts/balancer-intermittent-trace.png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
    [],
  );
});

test('an NLB with cross-zone off: the node whose zone has no running target has nothing to send to; cross-zone on serves from the other zone', async ({
  page,
}) => {
  const app = await openPairs(page);
  const traffic = new Traffic(page);
  await traffic.sendCustom('Internet (203.0.113.7)', 'nlb-local', 'tcp', 8443);
  const trace = traffic.trace();
  await expect(trace.getByRole('heading')).toContainText('DENIED');
  await expect(trace).toContainText('no target is healthy from nlb-local node in us-east-1a');
  await expect(trace).toContainText('cross-zone is off');
  await page.screenshot({ path: 'e2e/.artifacts/balancer-zone-drill.png' });

  // the editor says which targets are healthy from where; turning cross-zone on fixes it
  await app
    .navigator()
    .getByRole('button', { name: /nlb-local/ })
    .click();
  const details = app.details();
  await expect(details.getByRole('list', { name: 'Health checks on port 8443' })).toContainText(
    'i-nlb-a ✗ unhealthy',
  );
  await details.getByLabel(/Each node sends to targets in every enabled zone/).check();
  await traffic.sendCustom('Internet (203.0.113.7)', 'nlb-local', 'tcp', 8443);
  await expect(trace.getByRole('heading')).toContainText('ALLOWED');
  await expect(trace).toContainText('All 2 (node, target) pairs nlb-local may use deliver');
});

test("the zone drill: Stop us-east-1a takes the NLB's node there with it, the other zone serves, and Start brings it back", async ({
  page,
}) => {
  const app = await openPairs(page);
  const traffic = new Traffic(page);
  const toNlb = () => traffic.sendCustom('Internet (203.0.113.7)', 'nlb-local', 'tcp', 8443);
  const zoneA = page.getByLabel(/^Availability Zone us-east-1a/).first();
  await page.getByRole('button', { name: 'Stop us-east-1a' }).first().click();
  await expect(page.getByLabel('Availability Zone us-east-1a (down)').first()).toContainText(
    'zone down',
  );
  await expect(page.getByRole('list', { name: "nlb-local's nodes" })).toContainText(
    '✗ node in us-east-1a: gone (zone down)',
  );
  await toNlb();
  const trace = traffic.trace();
  // the node is gone, so no client reaches it: the one left serves from its own zone
  await expect(trace.getByRole('heading')).toContainText('ALLOWED');
  await expect(trace).toContainText(
    "us-east-1a is down: DNS no longer returns nlb-local's node there, so clients reach it in us-east-1b only.",
  );
  await expect(trace).toContainText('sends the request to i-nlb-b in us-east-1b');
  await page.screenshot({ path: 'e2e/.artifacts/balancer-zone-down.png' });
  await app
    .navigator()
    .getByRole('button', { name: /nlb-local/ })
    .click();
  await expect(
    app.details().getByRole('list', { name: 'Health checks on port 8443' }),
  ).toContainText(
    "i-nlb-a is in us-east-1a, a zone that is down; with cross-zone off only nlb-local's node in us-east-1a sent to it, and that node is gone with the zone.",
  );

  // the zone comes back with its node: the node in us-east-1a has no running target again
  await page.getByRole('button', { name: 'Start us-east-1a' }).first().click();
  await expect(zoneA).not.toContainText('zone down');
  await toNlb();
  await expect(trace.getByRole('heading')).toContainText('DENIED');
  await expect(trace).toContainText('no target is healthy from nlb-local node in us-east-1a');
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Availability Zone us-east-1a (down)').first()).toBeVisible();
});

test('the matrix marks a balancer that fails on some pairs as partial, in symbol and words', async ({
  page,
}) => {
  await openPairs(page);
  const traffic = new Traffic(page);
  await traffic.tab('Reachability matrix');
  const grid = traffic.panel().getByRole('grid', { name: /Reachability for TCP 443/ });
  const cell = grid.getByRole('button', {
    name: 'Internet to alb-ab: partial: fails on some (node, target) pairs',
  });
  await expect(cell).toHaveText('◐');
  await expect(grid.getByRole('button', { name: 'Internet to alb-zone-c: allowed' })).toHaveText(
    '✓',
  );
  await cell.click();
  await expect(traffic.trace()).toContainText('2 of 4 (node, target) pairs drop TCP 443');
});

test("EC2's port 25 block: a platform step in the trace, lifted for the account in the VPC editor", async ({
  page,
}) => {
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open('?scenario=single-web-server');
  const custom = () => traffic.sendCustom('web', 'Internet (203.0.113.7)', 'tcp', 25);
  await custom();
  await expect(traffic.trace()).toContainText('EC2_PORT_25_BLOCKED');
  await app
    .navigator()
    .getByRole('button', { name: /^VPC site/ })
    .click();
  await app
    .details()
    .getByLabel(/AWS lifted EC2’s block of outbound TCP 25/)
    .check();
  await custom();
  await expect(traffic.trace().getByRole('heading')).toContainText('ALLOWED');
  await expect(traffic.trace()).toContainText('AWS lifted EC2');
});
