// Page model: the inspector's gate page — scan or type a code, read the verdict, save a
// temperature, watch the outbox.

import { expect, type Locator, type Page } from '@playwright/test';

export class GatePage {
  readonly verdict: Locator;
  readonly pending: Locator;
  readonly saved: Locator;

  constructor(private readonly page: Page) {
    this.verdict = page.getByTestId('verdict');
    this.pending = page.getByTestId('pending-count');
    this.saved = page.getByTestId('saved-notice');
  }

  async pickVenue(venueId: string): Promise<void> {
    const select = this.page.getByTestId('venue-select');
    if ((await select.evaluate((el) => el.tagName)) === 'SELECT') await select.selectOption(venueId);
    else await select.click();
  }

  async typeCode(text: string): Promise<void> {
    await this.page.getByTestId('manual-code').fill(text);
    await this.page.getByTestId('manual-submit').click();
  }

  async expectVerdict(kind: string): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', kind);
  }

  /** Types the temperature on the on-screen keypad, then saves and waits for "saved". */
  async saveTemperature(value: string): Promise<void> {
    const quick = this.page.getByTestId(`temp-quick-${value}`);
    if (await quick.count()) await quick.click();
    else await this.page.getByTestId('temp-input').fill(value);
    await this.page.getByTestId('save-record').click();
    await expect(this.saved).toBeVisible();
    await expect(this.verdict).toHaveCount(0);
  }

  async pendingCount(): Promise<number> {
    return Number((await this.pending.textContent())?.trim());
  }
}
