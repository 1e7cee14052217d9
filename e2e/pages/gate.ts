// Page model: the inspector's gate page — scan (camera, typed, or a keyboard-wedge scanner), read
// the verdict, save a temperature or log a refused entry, watch the outbox and today's list.

import { expect, type Locator, type Page } from '@playwright/test';

export class GatePage {
  readonly verdict: Locator;
  readonly pending: Locator;
  readonly saved: Locator;
  readonly presence: Locator;
  readonly manualCode: Locator;
  readonly tally: Locator;
  readonly announcer: Locator;

  constructor(private readonly page: Page) {
    this.verdict = page.getByTestId('verdict');
    this.pending = page.getByTestId('pending-count');
    this.saved = page.getByTestId('saved-notice');
    this.presence = page.getByTestId('verdict-presence');
    this.manualCode = page.getByTestId('manual-code');
    this.tally = page.getByTestId('tally-today');
    this.announcer = page.getByTestId('announcer');
  }

  async pickVenue(venueId: string): Promise<void> {
    const select = this.page.getByTestId('venue-select');
    if ((await select.evaluate((el) => el.tagName)) === 'SELECT') await select.selectOption(venueId);
    else await select.click();
  }

  /** The trust list and red list are on the device (a gate must have them before it goes offline). */
  async expectListsHeld(): Promise<void> {
    await expect(this.page.getByTestId('trust-age')).not.toBeEmpty();
    await expect(this.page.getByTestId('redlist-age')).not.toBeEmpty();
  }

  async typeCode(text: string): Promise<void> {
    await this.manualCode.fill(text);
    await this.page.getByTestId('manual-submit').click();
  }

  /** A keyboard-wedge scanner: the code's characters a few ms apart, then Enter, into whatever has focus. */
  async wedgeScan(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 2 });
    await this.page.keyboard.press('Enter');
  }

  async startCamera(): Promise<void> {
    await this.page.getByTestId('start-camera').click();
  }

  async stopCamera(): Promise<void> {
    await this.page.getByTestId('stop-camera').click();
  }

  async expectVerdict(kind: string): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', kind);
  }

  async expectPresence(presence: string): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-presence', presence);
  }

  /** Taps the temperature (a common value, else the field), then saves and waits for "saved". */
  async saveTemperature(value: string): Promise<void> {
    const quick = this.page.getByTestId(`temp-quick-${value}`);
    if (await quick.count()) await quick.click();
    else await this.page.getByTestId('temp-input').fill(value);
    await this.page.getByTestId('save-record').click();
    await expect(this.saved).toBeVisible();
    await expect(this.verdict).toHaveCount(0);
  }

  async logRefused(): Promise<void> {
    await this.page.getByTestId('log-refused').click();
    await expect(this.saved).toBeVisible();
    await expect(this.verdict).toHaveCount(0);
  }

  async pendingCount(): Promise<number> {
    return Number((await this.pending.textContent())?.trim());
  }
}
