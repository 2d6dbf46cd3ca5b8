/** Page object: how a user finds things in SG Lab, by role and name. */
import type { Locator, Page } from '@playwright/test';
import { clearAutosave } from './stored';

export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app with a clean slate (no autosave from an earlier test), or on a built-in. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.page.evaluate(() => {
      window.localStorage.clear();
      // the welcome of a first visit is the first-hour spec's; other specs start past it
      window.localStorage.setItem('sg-lab.welcomed', '1');
    });
    await clearAutosave(this.page);
    await this.page.goto(`/${query}`);
    await this.page.getByRole('heading', { name: 'SG Lab' }).waitFor();
    // the traffic panel loads lazily: wait for it, so every check sees the whole page
    // (attached: on a phone it sits behind its tab until chosen)
    await this.page.locator('#traffic-title').waitFor({ state: 'attached' });
  }

  /** Reloads keeping what the app saved. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.getByRole('heading', { name: 'SG Lab' }).waitFor();
  }

  instance(name: string): Locator {
    return this.page.locator('li.card', {
      has: this.page.getByRole('button', { name: `Instance ${name}`, exact: true }),
    });
  }

  async openInstance(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Instance ${name}`, exact: true }).click();
  }

  subnet(name: string): Locator {
    return this.page.getByRole('region', { name: `Subnet ${name}` });
  }

  navigator(): Locator {
    return this.page.getByRole('navigation', { name: 'World' });
  }

  async openGroup(id: string): Promise<void> {
    await this.navigator()
      .getByRole('button', { name: new RegExp(`\\b${id}\\b`) })
      .click();
  }

  details(): Locator {
    return this.page.getByRole('complementary', { name: 'Details' });
  }

  grid(direction: 'Inbound' | 'Outbound', groupName: string): Locator {
    return this.page.getByRole('grid', { name: `${direction} rules of ${groupName}` });
  }

  /** A rule row of a grid (0 = first rule). */
  row(grid: Locator, index: number): Locator {
    return grid.getByRole('row').nth(index + 1);
  }

  notice(): Locator {
    return this.page.getByTestId('notice');
  }

  expectations(): Locator {
    return this.page.getByRole('region', { name: /Expectations/ });
  }

  findings(): Locator {
    return this.page.getByRole('region', { name: /Findings/ });
  }
}
