// Page model: the health authority's console — import a feed file, look a person up, withdraw a key.

import { expect, type Locator, type Page } from '@playwright/test';

export class AdminPage {
  readonly outcome: Locator;
  readonly person: Locator;

  constructor(private readonly page: Page) {
    this.outcome = page.getByTestId('import-outcome');
    this.person = page.getByTestId('lookup-person');
  }

  async importFile(feed: 'test-results' | 'key-population' | 'national-state', name: string, content: string, { dryRun = false } = {}): Promise<void> {
    await this.page.locator('#import-feed').selectOption(feed);
    await this.page.locator('#import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    const box = this.page.locator('[data-testid="admin-import"] input[type="checkbox"]');
    if (dryRun) await box.check();
    else await box.uncheck();
    await this.page.locator('[data-testid="admin-import"] button[type="submit"]').click();
    await expect(this.outcome).toBeVisible();
  }

  async lookUp(documentNumber: string, reason: string): Promise<void> {
    await this.page.locator('#lookup-doc').fill(documentNumber);
    await this.page.locator('#lookup-reason').fill(reason);
    await this.page.locator('[data-testid="admin-lookup"] button[type="submit"]').click();
  }

  keyRow(state: string): Locator {
    return this.page.locator(`[data-testid="admin-key"][data-state="${state}"]`);
  }

  /** Withdraws the key in `row` from a local date-time (YYYY-MM-DDTHH:mm:ss in the page's zone). */
  async withdraw(row: Locator, localTime: string): Promise<void> {
    await row.locator('input[type="datetime-local"]').fill(localTime);
    await row.getByTestId('withdraw-key').click();
  }
}
