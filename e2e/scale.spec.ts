/**
 * Scale: generated worlds of 1,000 and 10,000 instances in the real app, timed (reported, and
 * asserted only an order of magnitude past the aims: the machine's speed varies), the
 * 60,000-instance matrix used, and the size of the JavaScript loaded at start.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { storedAutosave } from './support/stored';
import { Traffic } from './support/traffic';
import { largeScenario } from '../src/model/large-scenario';

// one at a time, so that no other test competes for the CPU while one is timed
test.describe.configure({ mode: 'serial' });

/** Opens a generated world, then five type changes on one rule: the times from navigation to the
 * first render and from each edit to the render of the new document, from performance marks. */
async function timedWorld(page: Page, instances: number) {
  const app = new AppPage(page);
  await app.open(instances === 1000 ? '?scenario=large' : `?scenario=large&instances=${instances}`);
  await expect(app.notice()).toContainText(
    `generated ${instances.toLocaleString('en-US')}-instance scenario`,
  );
  const loadMs = Math.round(
    await page.evaluate(() => performance.getEntriesByName('sg-lab:rendered')[0]?.startTime ?? NaN),
  );
  await expect(app.navigator().getByRole('button', { name: /sg-0005/ })).toBeVisible();
  await app.openGroup('sg-0005');
  const grid = app.grid('Inbound', 'tier-5');
  await expect(grid.getByRole('row')).toHaveCount(46);
  const timings: number[] = [];
  for (const label of ['SSH', 'RDP', 'HTTPS', 'SSH', 'PostgreSQL']) {
    await page.evaluate(() => performance.clearMarks());
    await app.row(grid, 0).getByLabel('Type', { exact: true }).selectOption({ label });
    await expect(app.notice()).toContainText(`Set the type to ${label}`);
    const ms = await page.evaluate(() => {
      const edit = performance.getEntriesByName('sg-lab:edit')[0];
      const shown = performance.getEntriesByName('sg-lab:rendered').at(-1);
      return edit && shown ? shown.startTime - edit.startTime : NaN;
    });
    timings.push(ms);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return { loadMs, timings, median };
}

for (const [instances, aim] of [
  [1000, 'first render and edits aim under 2 s and 50 ms'],
  [10_000, 'first render aims under 2 s, an edit under 100 ms'],
] as const) {
  test(`${instances.toLocaleString('en-US')} instances: a rule edit reaches the screen, timed`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const { loadMs, timings, median } = await timedWorld(page, instances);
    const report = `${instances} instances: first render ${loadMs} ms after navigation; edit → rendered: ${timings.map((t) => t.toFixed(1)).join(', ')} ms (median ${median.toFixed(1)} ms; ${aim})`;
    test.info().annotations.push({ type: 'scale', description: report });
    console.log(`[scale] ${report}`);
    expect(timings.every((t) => Number.isFinite(t))).toBe(true);
    // an order of magnitude past the aims is a regression, whatever this machine's speed
    expect(loadMs).toBeLessThan(20_000);
    expect(median).toBeLessThan(1000);
    await page.screenshot({ path: `e2e/.artifacts/scale-${instances}.png` });
  });
}

test('10,000 instances: the matrix comes from its worker, agrees with the trace, and follows an edit and its undo', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open('?scenario=large&instances=10000');
  await expect(app.notice()).toContainText('generated 10,000-instance scenario');
  const grid = traffic.panel().getByRole('grid', { name: /Reachability for TCP 443/ });
  // app-9999's row, and the columns of app-99, app-990…999 and app-9900…9999
  const narrow = async () => {
    await traffic.tab('Reachability matrix');
    await traffic.panel().getByLabel('Sources (rows): find').fill('app-9999');
    await traffic.panel().getByLabel('Destinations (columns): find').fill('app-99');
    await expect(grid).toHaveAttribute('aria-rowcount', '2');
    await expect(grid).toHaveAttribute('aria-colcount', '112');
  };
  const cell = (to: string, said: string) =>
    grid.getByRole('button', { name: `app-9999 to ${to}: ${said}`, exact: true });
  const reaches = async () => {
    const head = grid.getByRole('rowheader').first();
    await expect(head).toHaveAttribute('title', /^app-9999: reaches [\d,]+ of 10,001$/);
    return Number(
      (await head.getAttribute('title'))?.match(/reaches ([\d,]+)/)?.[1]?.replace(/,/g, ''),
    );
  };
  await narrow();
  await expect(cell('app-99', 'denied')).toHaveText('✗');
  await expect(cell('app-990', 'denied')).toHaveText('✗');
  const before = await reaches();

  // the trace (worked out in the page) says the same, and its fix opens this one pair
  await cell('app-99', 'denied').click();
  await expect(traffic.trace().getByRole('heading').first()).toContainText(
    'app-9999 → app-99 TCP 443',
  );
  await expect(traffic.trace()).toContainText('DENIED');
  await traffic
    .trace()
    .getByRole('button', {
      name: /Allow it: Add “HTTPS 443 to 10\.0\.48\.28\/32” to sg-0530 outbound/,
    })
    .click();
  await expect(traffic.trace()).toContainText('ALLOWED');

  await narrow();
  await expect(cell('app-99', 'allowed')).toHaveText('✓');
  await expect(cell('app-990', 'denied')).toHaveText('✗');
  expect(await reaches()).toBe(before + 1);
  await page.screenshot({ path: 'e2e/.artifacts/scale-10000-matrix-edit.png' });

  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(cell('app-99', 'denied')).toHaveText('✗');
  expect(await reaches()).toBe(before);
});

test('60,000 instances: the matrix answers, its rows are searched and counted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  // what the page says while it prepares; the long tasks while the page itself drives the matrix
  // (Playwright's own locators run in the page's main thread, ~0.1–0.2 s a search here: the timed
  // steps are clicks and waits made from inside the page, so that only the app's work is counted)
  await page.addInitScript(() => {
    const w = window as unknown as { said: string[]; long: number[]; timing: boolean };
    w.said = [];
    w.long = [];
    w.timing = false;
    new MutationObserver(() => {
      const text = document.querySelector('.boot span')?.textContent;
      if (text && w.said.at(-1) !== text) w.said.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (w.timing) w.long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  await app.open('?scenario=large&instances=60000');
  await expect(app.notice()).toContainText('generated 60,000-instance scenario');
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  expect(said).toEqual(
    expect.arrayContaining([
      'Generating the large scenario…',
      'Opening it: reading its interfaces…',
      'Opening it: finding what the internet reaches…',
    ]),
  );
  // the checks AWS would make run in the lint worker, with the findings
  expect(said).not.toContain('Opening it: checking it as AWS would…');
  const grid = traffic.panel().getByRole('grid', { name: /Reachability for TCP 443/ });
  const rowFind = traffic.panel().locator('input[aria-label="Sources (rows): find"]');
  const long = await page.evaluate(async () => {
    const w = window as unknown as { long: number[]; timing: boolean };
    const until = (test: () => unknown) =>
      new Promise<void>((done, fail) => {
        const start = performance.now();
        const look = () => {
          if (test()) done();
          else if (performance.now() - start > 60_000) fail(new Error('not shown in 60 s'));
          else setTimeout(look, 50);
        };
        look();
      });
    const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
    // the Traffic panel loads after the first render: its tab may not be there yet
    const tab = () =>
      [...document.querySelectorAll<HTMLElement>('[role=tab]')].find((t) =>
        t.textContent?.includes('Reachability matrix'),
      );
    await until(tab);
    w.timing = true;
    tab()?.click();
    await until(() => document.querySelector('[role=grid][aria-rowcount="60002"] [role=gridcell]'));
    await pause(1000);
    const find = document.querySelector<HTMLInputElement>(
      'input[aria-label="Sources (rows): find"]',
    );
    if (!find) throw new Error('no find field for the rows');
    // typed as React hears it: the value set natively, then an input event
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
      find,
      'app-59999',
    );
    find.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => document.querySelector('[role=grid][aria-rowcount="2"] [role=gridcell]'));
    await pause(500);
    document.querySelector<HTMLElement>('[role=grid] [role=gridcell] button')?.click();
    await until(() =>
      [...document.querySelectorAll('h2, h3')].some((h) => h.textContent?.includes('app-59999 →')),
    );
    await pause(1000);
    w.timing = false;
    return w.long;
  });
  const report = `60000 instances: long tasks from opening the matrix to its trace: ${long.join(', ') || 'none'} ms (aim: none past ~100 ms)`;
  test.info().annotations.push({ type: 'scale', description: report });
  console.log(`[scale] ${report}`);
  // an order of magnitude past the aim is a regression (one task of the whole first pass was 0.75 s)
  expect(Math.max(0, ...long)).toBeLessThan(1000);
  await expect(traffic.trace().getByRole('heading')).toContainText('app-59999 →');

  // back on the matrix (a new view: its find fields empty)
  await traffic.tab('Reachability matrix');
  await expect(grid).toHaveAttribute('aria-rowcount', '60002');
  // windowed: only what is in view is drawn
  expect(await grid.getByRole('gridcell').count()).toBeLessThan(2000);
  await expect(grid.getByRole('rowheader').first()).toHaveAttribute(
    'title',
    /^app-0: reaches [\d,]+ of 60,001$/,
  );
  // a thousand groups are not a thousand options: the find field takes a group's id or name
  const show = traffic.panel().getByLabel('Sources (rows): show');
  await expect(show.locator('option')).toHaveCount(6);
  await expect(show.locator('option[disabled]')).toHaveText(
    "1,000 groups: type one's name or id in find",
  );
  const world = largeScenario({ instances: 60_000, groups: 1000, rulesPerGroup: 60 });
  const carriers = world.instances.filter((i) => i.securityGroupIds.includes('sg-0005'));
  await rowFind.fill('sg-0005');
  await expect(grid).toHaveAttribute('aria-rowcount', String(carriers.length + 1));
  await expect(grid.getByRole('rowheader').first()).toHaveAttribute(
    'title',
    new RegExp(`^${carriers[0]?.name}: reaches`),
  );
  await page.screenshot({ path: 'e2e/.artifacts/scale-60000-matrix.png' });

  // any of the 60,000 can be sent from: typed and found, not listed
  await traffic.tab('Send & trace');
  const from = traffic.panel().getByLabel('From', { exact: true });
  await expect(from.locator('option')).toHaveCount(3); // an instance, the Internet, an IP
  await from.selectOption({ label: 'An instance: type it below' });
  const fromInstance = traffic.panel().getByLabel('From instance');
  await fromInstance.fill('nobody-here');
  await traffic.panel().getByRole('button', { name: 'Send', exact: true }).click();
  await expect(app.notice()).toContainText(
    "No instance to send from: type an instance's name, id or private IP.",
  );
  await fromInstance.fill('app-59998');
  await expect(traffic.panel().getByLabel('To instance')).toHaveValue('app-0');
  await traffic.panel().getByRole('button', { name: 'Send', exact: true }).click();
  await expect(traffic.trace().getByRole('heading')).toContainText('app-59998 → app-0 TCP 443');
});

test('a large account is read in a worker, and its autosave outlives a reload', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  await app.open();
  const world = largeScenario({ instances: 20_000, groups: 1000, rulesPerGroup: 60 });
  const buffer = Buffer.from(JSON.stringify(world));
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.locator('summary', { hasText: 'New' }).click();
  await page.getByLabel('Scenario file, AWS CLI output or Terraform JSON').setInputFiles({
    name: 'account.json',
    mimeType: 'application/json',
    buffer,
  });
  const name = page.getByLabel('Scenario name');
  await expect(name).toHaveValue('Large: 20,000 instances, 1,000 groups × 60 rules', {
    timeout: 30_000,
  });
  await expect(app.notice()).toContainText('account.json');
  // a thousand groups: the first hundred listed, the rest found by name or id
  const findGroup = app.navigator().getByLabel('Find a security group');
  await expect(app.navigator().getByText('…and 900 more: find them by name or id.')).toBeVisible();
  await expect(app.navigator().getByRole('button', { name: /sg-0999/ })).toHaveCount(0);
  await findGroup.fill('sg-0999');
  await expect(app.navigator().getByRole('button', { name: /sg-0999/ })).toBeVisible();
  await expect(app.navigator().getByText('1 found.')).toBeVisible();
  expect(workers.some((url) => url.includes('open-worker'))).toBe(true);
  // the work is autosaved although it is far past what localStorage holds
  await name.fill('My account');
  await name.press('Enter');
  await expect
    .poll(async () => (await storedAutosave(page))?.includes('"name":"My account"'), {
      timeout: 30_000,
    })
    .toBe(true);
  const saved = (await storedAutosave(page)) ?? '';
  const fitsLocalStorage = await page.evaluate((raw) => {
    try {
      localStorage.setItem('sg-lab.probe', raw);
      localStorage.removeItem('sg-lab.probe');
      return true;
    } catch {
      return false;
    }
  }, saved);
  expect(saved.length).toBeGreaterThan(buffer.length / 2);
  expect(fitsLocalStorage).toBe(false);
  await app.reload();
  await expect(name).toHaveValue('My account', { timeout: 30_000 });
  await expect(app.notice()).toContainText('Restored your autosaved work');
  await findGroup.fill('tier-999');
  await expect(app.navigator().getByRole('button', { name: /sg-0999/ })).toBeVisible();
});

test('the JavaScript loaded at start stays under 150 kB gzip', async ({ page, request }) => {
  await page.goto('/');
  const html = await (await request.get('/')).text();
  // the entry chunk and every chunk it preloads: what the first paint waits for
  const urls = [
    ...html.matchAll(/<script type="module" crossorigin src="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  expect(urls.length, 'the built index.html names its entry chunk').toBeGreaterThan(0);
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const body = await (await request.get(new URL(url, 'http://x/').pathname)).body();
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  const kb = gzip / 1024;
  test.info().annotations.push({ type: 'bundle', description: `${kb.toFixed(1)} kB gzip` });
  console.log(
    `[bundle] initial JS (${urls.length} chunks) ${(raw / 1024).toFixed(1)} kB raw, ${kb.toFixed(1)} kB gzip`,
  );
  expect(kb).toBeLessThan(150);
});
