// Page model: a venue manager's pages — register or change the venue (cascading area picker), the
// declaration code, members (inspectors by tag, unbind, hand-over).

import { expect, type Locator, type Page } from '@playwright/test';

export interface VenueFormInput {
  /** Division codes from the province down, e.g. ['44', '4401', '440103', '440103001']. */
  area?: string[];
  address?: string;
  type?: string;
  name?: string;
  phone?: string;
}

export class VenuePages {
  readonly declarationCode: Locator;
  readonly formError: Locator;

  constructor(
    private readonly page: Page,
    private readonly serverUrl: string,
  ) {
    this.declarationCode = page.getByTestId('declaration-code');
    this.formError = page.getByTestId('venue-form-error');
  }

  /** Picks the area level by level: each select appears once its parent's divisions are loaded. */
  async pickArea(codes: string[]): Promise<void> {
    const levels = ['province', 'city', 'county', 'township'];
    for (const [i, code] of codes.entries()) {
      const select = this.page.getByTestId(`venue-area-${levels[i]}`);
      await expect(select.locator(`option[value="${code}"]`)).toHaveCount(1, { timeout: 15_000 });
      await select.selectOption(code);
    }
  }

  async fillForm(input: VenueFormInput): Promise<void> {
    if (input.area) await this.pickArea(input.area);
    if (input.address !== undefined) await this.page.getByTestId('venue-address').fill(input.address);
    if (input.type !== undefined) await this.page.getByTestId('venue-type').selectOption(input.type);
    if (input.name !== undefined) await this.page.getByTestId('venue-name').fill(input.name);
    if (input.phone !== undefined) await this.page.getByTestId('venue-phone').fill(input.phone);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('venue-submit').click();
  }

  async openEdit(): Promise<void> {
    await this.page.getByTestId('venue-edit').click();
    await expect(this.page.getByTestId('venue-form')).toBeVisible();
  }

  async openMembers(): Promise<void> {
    await this.page.goto(`${this.serverUrl}/venue/members`);
    await expect(this.page.getByTestId('venue-members')).toBeVisible();
  }

  inspectorTags(): Locator {
    return this.page.getByTestId('inspector-tag');
  }

  /** Unbinds the inspector shown with this tag, accepting the confirmation. */
  async unbind(tag: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('inspector-row').filter({ hasText: tag }).getByTestId('unbind').click();
    await expect(this.page.getByTestId('members-notice')).toContainText(tag);
  }
}
