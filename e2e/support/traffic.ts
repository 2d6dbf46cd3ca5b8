/** Page object for the Traffic panel: compose, send, read the trace and the history. */
import type { Locator, Page } from '@playwright/test';

export class Traffic {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Traffic' });
  }

  async tab(name: RegExp | string): Promise<void> {
    await this.panel().getByRole('tab', { name }).click();
  }

  /** Picks endpoints by their visible option text and a service preset, then sends. */
  async send(from: string, to: string, service: string, via?: string): Promise<void> {
    await this.tab('Send & trace');
    const p = this.panel();
    await p.getByLabel('From', { exact: true }).selectOption({ label: from });
    await p.getByLabel('To', { exact: true }).selectOption({ label: to });
    await p.getByLabel('Service').selectOption({ label: service });
    if (via) await p.getByLabel('Address').selectOption({ label: via });
    await p.getByRole('button', { name: 'Send', exact: true }).click();
  }

  /** Sends a custom protocol and port (the service list's "Custom protocol and port…"). */
  async sendCustom(from: string, to: string, protocol: string, port: number): Promise<void> {
    await this.tab('Send & trace');
    const p = this.panel();
    await p.getByLabel('From', { exact: true }).selectOption({ label: from });
    await p.getByLabel('To', { exact: true }).selectOption({ label: to });
    await p.getByLabel('Service').selectOption({ value: 'custom' });
    await p.getByLabel('Protocol').fill(protocol);
    await p.getByLabel('Port').fill(String(port));
    await p.getByRole('button', { name: 'Send', exact: true }).click();
  }

  trace(): Locator {
    return this.panel().getByRole('region', { name: /→/ });
  }

  history(): Locator {
    return this.panel().locator('.history-list');
  }
}
