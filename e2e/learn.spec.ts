/** Lessons and challenges, as a learner and a teacher meet them. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { Traffic } from './support/traffic';

const lessonPanel = (page: Page) =>
  page.getByRole('region', { name: /./ }).filter({
    has: page.locator('#activity-title'),
  });
const goals = (page: Page) => lessonPanel(page).getByRole('list', { name: 'Goals' });

async function axeClean(page: Page, include: string) {
  const results = await new AxeBuilder({ page })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
}

/** Opens the Lessons list from the header and starts lesson n. */
async function startLesson(page: Page, n: number) {
  await page.getByRole('button', { name: 'Learn' }).click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: new RegExp(`^Start lesson ${n}:`) })
    .click();
}

/** Adds one inbound rule to the group open in the details, through the grid as a user does. */
async function addInbound(
  app: AppPage,
  group: string,
  type: string,
  source: string,
  port?: string,
) {
  await app.details().getByRole('button', { name: 'Add rule' }).click();
  const grid = app.grid('Inbound', group);
  const rule = app.row(grid, (await grid.getByRole('row').count()) - 2);
  await rule.getByLabel('Type', { exact: true }).selectOption({ label: type });
  if (port) {
    await rule.getByLabel('Port range').fill(port);
    await rule.getByLabel('Port range').press('Tab');
  }
  await rule.getByLabel('Source', { exact: true }).fill(source);
  await rule.getByLabel('Source', { exact: true }).press('Tab');
}

test('lesson 1 from the welcome: predict, write the rule, goals turn ✓, complete', async ({
  page,
}) => {
  const app = new AppPage(page);
  await page.goto('/');
  await page.evaluate(() => window.localStorage.clear());
  await page.goto('/');
  await page.getByRole('button', { name: /Start lesson 1/ }).click();
  const panel = lessonPanel(page);
  await expect(panel.getByRole('heading', { name: 'Knock on the door' })).toBeFocused();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Lesson 1: a virtual firewall');
  // predict first: the goals wait for the answer, the answer sends the flow
  await expect(goals(page)).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeDisabled();
  await panel.getByRole('button', { name: 'DENIED', exact: true }).click();
  await expect(panel).toContainText('You said DENIED: right. It is DENIED.');
  await expect(new Traffic(page).trace().getByRole('heading')).toContainText(
    'Internet → web TCP 80: DENIED',
  );
  await expect(goals(page)).toContainText('✓Send Internet → web on TCP 80 and see it DENIED: done');
  await axeClean(page, '.activity');
  await page.screenshot({ path: 'e2e/.artifacts/learn-lesson1-predicted.png' });
  await panel.getByRole('button', { name: 'Next step' }).click();

  await expect(panel.getByRole('heading', { name: 'Open the web port' })).toBeFocused();
  await expect(goals(page)).toContainText('Internet → web on TCP 80 is ALLOWED: not yet');
  await panel.getByRole('button', { name: 'Show a hint (1 of 2)' }).click();
  await expect(panel).toContainText('Hint 1: Select the group web');
  await app.openGroup('sg-web');
  await addInbound(app, 'web', 'HTTP', '0.0.0.0/0');
  await expect(goals(page)).toContainText('Internet → web on TCP 80 is ALLOWED: done');
  await expect(goals(page)).toContainText('web has at most 1 inbound rule: done');
  await expect(panel).toContainText('Your world has 2 rules in all; the reference solution has 2.');
  await page.screenshot({ path: 'e2e/.artifacts/learn-lesson1-goals.png' });
  await panel.getByRole('button', { name: 'Next step' }).click();

  await panel.getByRole('button', { name: 'DENIED', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Finish the lesson' })).toBeEnabled();
  await panel.getByRole('button', { name: 'Finish the lesson' }).click();
  await expect(panel).toContainText('✓ Lesson complete.');
  await expect(panel.getByRole('button', { name: /Next lesson: Rule components/ })).toBeVisible();
  await page.getByRole('button', { name: 'Learn' }).click();
  const list = page.getByRole('dialog', { name: 'Lessons' });
  await expect(list).toContainText('A virtual firewall at the instance — Complete ✓');
  await axeClean(page, 'dialog[open]');
  await page.screenshot({ path: 'e2e/.artifacts/learn-lessons-list.png' });
});

test('lesson 11 through the UI: the balancer as the only source, then a zone goes down', async ({
  page,
}) => {
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open();
  await startLesson(page, 11);
  const panel = lessonPanel(page);
  await expect(
    panel.getByRole('heading', { name: 'The balancer cannot reach its targets' }),
  ).toBeVisible();
  await panel.getByRole('button', { name: 'ALLOWED', exact: true }).click();
  await expect(panel).toContainText('You said ALLOWED: not this time. It is DENIED.');
  await panel.getByRole('button', { name: 'Next step' }).click();

  await app.openGroup('sg-web');
  await addInbound(app, 'web', 'Custom TCP', 'sg-alb', '8080');
  await expect(goals(page)).toContainText('Internet → shop-alb on TCP 443 is ALLOWED: done');
  await expect(goals(page)).toContainText('Internet → web-a on TCP 8080 is DENIED: done');
  await panel.getByRole('button', { name: 'Next step' }).click();

  await panel.getByRole('button', { name: 'ALLOWED', exact: true }).click();
  await app.openInstance('web-a');
  await app.details().getByRole('button', { name: 'Stop instance' }).click();
  await traffic.send('Internet (203.0.113.7)', 'shop-alb', 'HTTPS (TCP 443)');
  await expect(traffic.trace().getByRole('heading')).toContainText(
    'Internet → shop-alb TCP 443: ALLOWED',
  );
  await panel.getByRole('button', { name: 'Finish the lesson' }).click();
  await expect(panel).toContainText('✓ Lesson complete.');
  await page.screenshot({ path: 'e2e/.artifacts/learn-lesson11-done.png' });
});

test('a reload in the middle of a lesson goes on at the same step, with the world', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await startLesson(page, 3);
  const panel = lessonPanel(page);
  await panel.getByRole('button', { name: 'DENIED', exact: true }).click();
  await panel.getByRole('button', { name: 'Next step' }).click();
  await app.openGroup('sg-api');
  await addInbound(app, 'api', 'HTTPS', '0.0.0.0/0');
  await expect(goals(page)).toContainText('Internet → api on TCP 443 is ALLOWED: done');
  await page.waitForTimeout(700); // autosave and progress are written shortly after an edit
  await app.reload();
  await expect(panel.getByRole('heading', { name: 'Let HTTPS in' })).toBeVisible();
  await expect(goals(page)).toContainText('Internet → api on TCP 443 is ALLOWED: done');
  await page.getByRole('button', { name: 'Learn' }).click();
  await expect(page.getByRole('dialog', { name: 'Lessons' })).toContainText(
    'Inbound rules: none by default — 1 step done (33%), at step 2',
  );
});

test('phone: the lesson under its own tab, Next in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new AppPage(page);
  await app.open();
  await startLesson(page, 8);
  await expect(page.getByRole('navigation', { name: 'Parts of the app' })).toContainText('Lesson');
  const panel = lessonPanel(page);
  await expect(panel.getByRole('heading', { name: 'Same subnet, different doors' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeInViewport();
  await page.screenshot({ path: 'e2e/.artifacts/learn-phone.png' });
  // answering keeps the lesson on screen; the trace waits under Traffic
  await panel.getByRole('button', { name: 'DENIED', exact: true }).click();
  await expect(panel).toContainText('You said DENIED: right.');
  await expect(
    page
      .getByRole('navigation', { name: 'Parts of the app' })
      .getByRole('button', { name: 'Lesson' }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeEnabled();
  await axeClean(page, '.activity');
});

test('a challenge: the teacher makes a link, a learner solves it, the teacher sees it solved', async ({
  page,
  browser,
}) => {
  const app = new AppPage(page);
  await app.open('?scenario=broken-repair');
  await expect(page.getByLabel('Scenario name')).toHaveValue('Repair a broken shop');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Create challenge…' }).click();
  const create = page.getByRole('dialog', { name: 'Create challenge' });
  await create.getByLabel('Title').fill('Fix the Friday shop');
  await create.getByLabel(/Text for the learner/).fill('Make **every** goal hold.');
  await create.getByLabel(/Hide the goals until the learner checks/).check();
  await expect(create).toContainText('5 goals');
  await page.screenshot({ path: 'e2e/.artifacts/learn-create-challenge.png' });
  await axeClean(page, 'dialog[open]');
  const link = await create.locator('textarea.share-link').inputValue();
  expect(link).toMatch(/#c=1\./);

  const learner = await (await browser.newContext()).newPage();
  await learner.goto(link);
  const lapp = new AppPage(learner);
  await learner.getByRole('heading', { name: 'SG Lab' }).waitFor();
  const panel = lessonPanel(learner);
  await expect(panel.getByRole('heading', { name: 'Fix the Friday shop' })).toBeVisible();
  await expect(panel).toContainText('5 goals, hidden until you check.');
  await expect(learner.getByLabel('Scenario name')).toHaveValue('Repair a broken shop');
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel).toContainText('2 of 5 goals met.');

  // the repair: HTTPS on 443, SSH from the learner only, PostgreSQL out to the database
  await lapp.openGroup('sg-shop');
  const inbound = lapp.grid('Inbound', 'shop');
  const https = lapp.row(inbound, 0).getByLabel('Port range');
  await https.fill('443');
  await https.press('Enter');
  const ssh = lapp.row(inbound, 1).getByLabel('Source', { exact: true });
  await ssh.fill('198.51.100.77/32');
  await ssh.press('Enter');
  await lapp
    .details()
    .getByRole('tab', { name: /Outbound rules/ })
    .click();
  await lapp.details().getByRole('button', { name: 'Add rule' }).click();
  const outbound = lapp.grid('Outbound', 'shop');
  const fresh = lapp.row(outbound, 1);
  await fresh.getByLabel('Type', { exact: true }).selectOption({ label: 'PostgreSQL' });
  await fresh.getByLabel('Destination', { exact: true }).fill('sg-db');
  await fresh.getByLabel('Destination', { exact: true }).press('Tab');
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel).toContainText('5 of 5 goals met.');
  await expect(panel).toContainText(/✓ Challenge complete in \d+/);
  await learner.screenshot({ path: 'e2e/.artifacts/learn-challenge-done.png' });
  await axeClean(learner, '.activity');
  const solution = await panel.getByLabel('Your solution link').inputValue();
  expect(solution).toMatch(/#c=1\./);

  const teacher = await (await browser.newContext()).newPage();
  await teacher.goto(solution);
  const tpanel = lessonPanel(teacher);
  await expect(tpanel).toContainText('5 of 5 goals met.');
  await expect(tpanel.getByRole('list', { name: 'Goals' }).getByRole('listitem')).toHaveCount(5);
});
