/**
 * The matrix of a large document comes from a Web Worker: when that worker cannot run, the matrix
 * says so, and the rest of the Traffic panel goes on working.
 */
import { AppPage } from './support/app-page';
import { expect, test } from './support/fixtures';
import { Traffic } from './support/traffic';

test('a matrix worker that fails to start: the matrix says why, Send & trace still answers', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.route(/reach-worker[^/]*\.js/, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "throw new Error('planted: the matrix worker fails');",
    }),
  );
  const app = new AppPage(page);
  const traffic = new Traffic(page);
  await app.open('?scenario=large&instances=5000');
  await expect(app.notice()).toContainText('generated 5,000-instance scenario');
  await traffic.tab('Reachability matrix');
  const alert = traffic.panel().getByRole('alert');
  await expect(alert).toContainText('The matrix could not be worked out');
  await expect(alert).toContainText('Send & trace still answers any pair.');
  await page.screenshot({ path: 'e2e/.artifacts/matrix-worker-failed.png' });

  await traffic.tab('Send & trace');
  await traffic.panel().getByLabel('From', { exact: true }).selectOption({
    label: 'An instance: type it below',
  });
  await traffic.panel().getByLabel('From instance').fill('app-4999');
  await traffic.panel().getByLabel('To instance').fill('app-0');
  await traffic.panel().getByRole('button', { name: 'Send', exact: true }).click();
  await expect(traffic.trace().getByRole('heading').first()).toContainText('app-4999 → app-0');
  // the guard (fixtures) fails the test on any error the page did not handle
});
