/** The simulator as a learner uses it: send, watch, understand, fix, and see edits take effect. */
import AxeBuilder from '@axe-core/playwright';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { Traffic } from './support/traffic';

test.describe('with reduced motion (every step at once, as text)', () => {
  test.use({ reducedMotion: 'reduce' });

  test('an allowed flow: its path checkpoint by checkpoint, the response drawn back as stateful', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    await traffic.send('Internet (203.0.113.7)', 'shop-alb', 'HTTPS (TCP 443)');
    const trace = traffic.trace();
    await expect(trace.getByRole('heading')).toContainText('Internet → shop-alb TCP 443: ALLOWED');
    await expect(trace).toContainText('internet gateway');
    await expect(trace).toContainText('is allowed by sg-alb inbound rule');
    await expect(trace).toContainText(
      'health checks on TCP 8080 from every node (us-east-1a and us-east-1b) pass',
    );
    // every (node, target) pair the balancer may use, each judged
    await expect(trace).toContainText(
      'All 4 (node, target) pairs shop-alb may use deliver TCP 443',
    );
    await expect(trace).toContainText('Allowed: stateful (tracked connection)');
    // the diagram marks each checkpoint, in words and colour
    await expect(app.instance('web-a')).toContainText('in allowed');
    // drawn on the diagram: sender → internet gateway → balancer → web-a → back
    await expect(page.locator('.packet-path line.allow')).toHaveCount(4);
    await expect(page.getByRole('list', { name: 'Outside hosts' })).toContainText(
      'response allowed: stateful (tracked connection)',
    );
    await expect(page.getByRole('log', { name: 'Packets' })).toContainText(
      'Packet 1: Internet to shop-alb, TCP 443: delivered',
    );
    await page.screenshot({ path: 'e2e/.artifacts/sim-allowed.png', fullPage: true });
  });

  test('a denied flow names its nearest miss; the one-click fix allows it and undo takes it back', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    await traffic.send('Internet (203.0.113.7)', 'bastion', 'SSH (TCP 22)');
    const trace = traffic.trace();
    await expect(trace.getByRole('heading')).toContainText('DENIED at ingress');
    await expect(page.locator('.packet-path line.deny')).toHaveCount(1);
    await expect(page.locator('.packet-path .packet-stop')).toHaveCount(1);
    await expect(trace).toContainText(
      'Nearest miss: SSH 22 from 198.51.100.77/32 (sg-bastion) would match, but 203.0.113.7 is not in 198.51.100.77/32.',
    );
    await trace
      .getByRole('button', {
        name: /Allow it: Add “SSH 22 from 203.0.113.7\/32” to sg-bastion inbound/,
      })
      .click();
    await expect(trace.getByRole('heading')).toContainText('ALLOWED');
    await expect(app.expectations()).toContainText('5/6 pass');
    await page.keyboard.press('Control+z');
    await expect(trace.getByRole('heading')).toContainText('DENIED');
    await expect(app.expectations()).toContainText('6/6 pass');
  });

  test('an edit re-evaluates the history and marks what changed', async ({ page }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    await traffic.send('Internet (203.0.113.7)', 'bastion', 'SSH (TCP 22)');
    await traffic.send('You (198.51.100.77)', 'bastion', 'SSH (TCP 22)');
    await traffic.send('Internet (203.0.113.7)', 'shop-alb', 'HTTPS (TCP 443)');
    await app.openGroup('sg-bastion');
    const rule = app.row(app.grid('Inbound', 'bastion'), 0);
    await rule.getByLabel('Source type').selectOption({ label: 'Anywhere-IPv4' });
    await traffic.tab(/History/);
    const history = traffic.history();
    await expect(history.getByRole('listitem')).toHaveCount(3);
    const changed = history.locator('.changed');
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText('Internet → bastion TCP 22: ALLOWED');
    await expect(changed).toContainText('changed by the last edit: DENIED → ALLOWED');
    await page.screenshot({ path: 'e2e/.artifacts/sim-history.png', fullPage: true });
  });

  test('tracked connections survive a rule removal, untracked ones are cut, the clock expires them', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    // You → bastion is admitted by a /32 rule only: tracked
    await traffic.send('You (198.51.100.77)', 'bastion', 'SSH (TCP 22)');
    // bastion: SSH from anywhere in, all traffic out to anywhere: a flow admitted by /0 both ways is untracked
    await app.openGroup('sg-bastion');
    await app.details().getByRole('button', { name: 'Add rule' }).click();
    const open = app.row(app.grid('Inbound', 'bastion'), 1);
    await open.getByLabel('Type', { exact: true }).selectOption({ label: 'SSH' });
    await open.getByLabel('Source type').selectOption({ label: 'Anywhere-IPv4' });
    await traffic.send('Internet (203.0.113.7)', 'bastion', 'SSH (TCP 22)');
    await traffic.tab('Connections');
    const table = traffic.panel().getByRole('region', { name: 'Tracked connections' });
    const you = table.getByRole('row', { name: /You → bastion/ });
    const world = table.getByRole('row', { name: /Internet → bastion/ });
    await expect(you.getByRole('cell').nth(2)).toHaveText(/^tracked/);
    await expect(world.getByRole('cell').nth(2)).toHaveText(/^untracked/);

    await open.getByRole('button', { name: 'Delete' }).click();
    await expect(world.getByRole('cell').nth(3)).toHaveText(/^cut/);
    await expect(you.getByRole('cell').nth(3)).toHaveText('active');
    await you.getByRole('button', { name: /Send a reply/ }).click();
    await expect(traffic.panel()).toContainText(
      'Reply on conn-1: allowed — Allowed: part of tracked connection conn-1, whatever the rules say now.',
    );
    await world.getByRole('button', { name: /Send another packet/ }).click();
    await expect(traffic.panel()).toContainText('Another packet on conn-2: denied');

    await traffic.panel().getByRole('button', { name: '+1 hour' }).click();
    await expect(you.getByRole('cell').nth(3)).toHaveText('active');
    await traffic.panel().getByRole('button', { name: '+5 days' }).click();
    await expect(you.getByRole('cell').nth(3)).toHaveText(/^expired/);
    await page.screenshot({ path: 'e2e/.artifacts/sim-connections.png', fullPage: true });
  });

  test('the balancer loses a zone, then a target fails its health check, and says why', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    await page.getByRole('button', { name: 'Stop us-east-1a' }).click();
    await expect(page.getByLabel('Availability Zone us-east-1a (down)')).toContainText('zone down');
    await traffic.send('Internet (203.0.113.7)', 'shop-alb', 'HTTPS (TCP 443)');
    const trace = traffic.trace();
    await expect(trace.getByRole('heading')).toContainText('ALLOWED');
    await expect(trace).toContainText("DNS no longer returns shop-alb's node there");
    await expect(trace).toContainText('web-a (us-east-1a) is unhealthy');
    await expect(trace).toContainText('sends the request to web-b in us-east-1b');

    await page.getByRole('button', { name: 'Start us-east-1a' }).click();
    // the web group stops admitting the health check from the balancer
    await app.openGroup('sg-web');
    await app.row(app.grid('Inbound', 'web'), 0).getByLabel('Port range').fill('9090');
    await app.row(app.grid('Inbound', 'web'), 0).getByLabel('Port range').press('Enter');
    await traffic.send('Internet (203.0.113.7)', 'shop-alb', 'HTTPS (TCP 443)');
    // every target unhealthy from every node: the balancer fails open, and the same rule drops
    // the request on every pair
    await expect(trace.getByRole('heading')).toContainText('DENIED at ingress');
    await expect(trace).toContainText('web-a (us-east-1a) is unhealthy');
    await expect(trace).toContainText('fails open and routes to all of them as if healthy');
    await expect(trace).toContainText('4 of 4 (node, target) pairs drop TCP 443');
  });

  test('a sent flow becomes an expectation of the document (and undo removes it)', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    await traffic.send('web-a', 'db', 'PostgreSQL (TCP 5432)');
    await traffic
      .trace()
      .getByRole('button', { name: 'Make it an expectation (must be allowed)' })
      .click();
    await expect(app.expectations()).toContainText('7/7 pass');
    await expect(app.expectations()).toContainText('web-a → db TCP 5432 must be ALLOWED');
    await page.keyboard.press('Control+z');
    await expect(app.expectations()).toContainText('6/6 pass');
  });
});

test('playback: play, pause, step and step back walk the packet along its path', async ({
  page,
}) => {
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open();
  await traffic.send('Internet (203.0.113.7)', 'shop-alb', 'HTTPS (TCP 443)');
  const trace = traffic.trace();
  const pause = trace.getByRole('button', { name: /Pause/ });
  await pause.click();
  await trace.getByRole('button', { name: 'Show all' }).click();
  await expect(trace).toContainText('step 14 of 14');
  await trace.getByRole('button', { name: /Step back/ }).click();
  await expect(trace).toContainText('step 13 of 14');
  await expect(trace.getByRole('list', { name: 'Steps' }).getByRole('listitem')).toHaveCount(13);
  await expect(trace.getByRole('list', { name: "The packet's path" })).toContainText(
    'not played yet',
  );
  await trace.getByRole('button', { name: /Step ▶/ }).click();
  await expect(trace.getByRole('list', { name: 'Steps' }).getByRole('listitem')).toHaveCount(14);
  await trace.getByRole('button', { name: /Play/ }).click(); // from the end: plays again from the start
  await expect(trace).toContainText('step 14 of 14', { timeout: 15_000 });
});

test('the reachability matrix: cells open their trace; filters; the 1,000-instance world scrolls', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open();
  await traffic.tab('Reachability matrix');
  const grid = traffic.panel().getByRole('grid', { name: /Reachability for TCP 443/ });
  await expect(grid.getByRole('button', { name: 'Internet to shop-alb: allowed' })).toBeVisible();
  await expect(grid.getByRole('button', { name: 'Internet to web-a: denied' })).toBeVisible();
  await grid.getByRole('button', { name: 'Internet to web-a: denied' }).click();
  await expect(traffic.trace().getByRole('heading')).toContainText(
    'Internet → web-a TCP 443: DENIED',
  );

  await traffic.tab('Reachability matrix');
  // every column is in view here: a row's count is its ✓ cells
  const webA = grid
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /web-a/ }) });
  const ticks = await webA.getByRole('button', { name: /: allowed$/ }).count();
  await expect(webA.getByRole('rowheader')).toHaveAttribute(
    'title',
    new RegExp(`^web-a: reaches ${ticks} of \\d+$`),
  );
  await expect(webA.getByRole('rowheader')).toContainText(`→${ticks}`);
  await traffic.panel().getByLabel('Sources (rows): show').selectOption({ label: 'web (sg-web)' });
  await expect(grid.getByRole('rowheader')).toHaveCount(5); // web-a, web-b, shop-alb, Internet, You
  // a search narrows the rows, and the columns on their own
  await traffic.panel().getByLabel('Sources (rows): find').fill('web-b');
  await expect(grid.getByRole('rowheader')).toHaveCount(1);
  await traffic.panel().getByLabel('Destinations (columns): find').fill('10.0.');
  await expect(
    grid.getByRole('columnheader').filter({ hasNotText: 'from ↓ to →' }),
  ).not.toHaveCount(0);
  await expect(grid.getByRole('columnheader', { name: /shop-alb/ })).toHaveCount(0);
  // the find field also takes a group's id or name: the instances carrying it
  await traffic
    .panel()
    .getByLabel('Sources (rows): show')
    .selectOption({ label: 'every instance' });
  await traffic.panel().getByLabel('Sources (rows): find').fill('sg-web');
  await expect(grid.getByRole('rowheader')).toHaveText([/web-a$/, /web-b$/]);
  await page.screenshot({ path: 'e2e/.artifacts/sim-matrix-search.png' });

  await app.open('?scenario=large');
  await traffic.tab('Reachability matrix');
  const big = traffic.panel().getByRole('grid');
  await expect(big).toHaveAttribute('aria-rowcount', '1002');
  const rendered = await big.getByRole('gridcell').count();
  expect(rendered).toBeLessThan(2000); // windowed: only what is in view
  await big.evaluate((el) => (el.scrollTop = 20_000));
  await expect(big.getByRole('rowheader').first()).not.toHaveText(/ app-0$/);
  await page.screenshot({ path: 'e2e/.artifacts/sim-matrix-1000.png' });
});

test('the traffic tabs have no axe violations', async ({ page }) => {
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await traffic.send('Internet (203.0.113.7)', 'bastion', 'SSH (TCP 22)');
  for (const tab of ['Send & trace', /History/, 'Connections', 'Reachability matrix']) {
    await traffic.tab(tab);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${String(tab)}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  }
});

test.describe('composer and trace links', () => {
  test.use({ reducedMotion: 'reduce' });

  test('send to every destination, a custom ping, and a rule named in the trace opens highlighted', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const traffic = new Traffic(page);
    await app.open();
    const p = traffic.panel();
    await p.getByLabel('From', { exact: true }).selectOption({ label: 'You (198.51.100.77)' });
    await p.getByLabel('Service').selectOption({ label: 'SSH (TCP 22)' });
    await p.getByRole('button', { name: 'Send to every destination' }).click();
    await expect(app.notice()).toContainText('Sent TCP 22 from You to 6 destinations');
    await traffic.tab(/History \(6\)/);
    // the bastion, and the Internet host (both outside: nothing filters host to host)
    await expect(traffic.history().locator('.pass')).toHaveCount(2);
    await expect(traffic.history()).toContainText('You → bastion TCP 22: ALLOWED');

    await traffic.tab('Send & trace');
    await p.getByLabel('From', { exact: true }).selectOption({ label: 'bastion' });
    await p.getByLabel('To', { exact: true }).selectOption({ label: 'An IP address…' });
    await p.getByLabel('To IP address').fill('8.8.8.8');
    await p.getByLabel('Service').selectOption({ label: 'Custom protocol and port…' });
    await p.getByLabel('Protocol').fill('icmp');
    await p.getByLabel('ICMP type').fill('8');
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(traffic.trace().getByRole('heading')).toContainText(
      'bastion → 8.8.8.8 ICMP 8/0: ALLOWED',
    );

    await traffic
      .trace()
      .getByRole('button', { name: /sg-bastion sgr-/ })
      .first()
      .click();
    const grid = app.grid('Outbound', 'bastion');
    await expect(grid.locator('tr[data-highlighted="true"]')).toHaveCount(1);
  });
});
