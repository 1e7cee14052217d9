// Page models: an organisation admin's page (register or change with the area picker, join code,
// the day's table and its files, members) and a holder's declaration page (join, declare).

import { expect, type Locator, type Page } from '@playwright/test';

export interface OrgFormInput {
  /** Division codes from the province down to the organisation's level, e.g. ['44', '4401', '440103']. */
  area?: string[];
  kind?: string;
  name?: string;
  phone?: string;
}

export class OrgAdminPage {
  readonly joinCode: Locator;
  readonly formError: Locator;
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.joinCode = page.getByTestId('org-join-code');
    this.formError = page.getByTestId('org-form-error');
    this.table = page.getByTestId('org-day-table');
  }

  async fillForm(input: OrgFormInput): Promise<void> {
    const levels = ['province', 'city', 'county', 'township'];
    for (const [i, code] of (input.area ?? []).entries()) {
      const select = this.page.getByTestId(`org-area-${levels[i]}`);
      await expect(select.locator(`option[value="${code}"]`)).toHaveCount(1, { timeout: 15_000 });
      await select.selectOption(code);
    }
    if (input.kind !== undefined) await this.page.getByTestId('org-kind').selectOption(input.kind);
    if (input.name !== undefined) await this.page.getByTestId('org-name').fill(input.name);
    if (input.phone !== undefined) await this.page.getByTestId('org-phone').fill(input.phone);
  }

  submit = () => this.page.getByTestId('org-submit').click();
  openEdit = () => this.page.getByTestId('org-edit').click();
  count = (key: 'members' | 'declared' | 'notDeclared' | 'symptoms' | 'fever') => this.page.getByTestId(`count-${key}`);
  show = (filter: 'all' | 'missing' | 'symptoms' | 'fever') => this.page.getByTestId('org-day-filter').selectOption(filter);

  /** The table as shown: label, declared, symptoms, temperature per row. */
  async rows(): Promise<string[][]> {
    return this.table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
  }
}

export class DeclarePage {
  constructor(private readonly page: Page) {}

  async join(code: string, label: string): Promise<void> {
    await this.page.getByTestId('join-code').fill(code);
    await this.page.getByTestId('join-label').fill(label);
    await this.page.getByTestId('join-submit').click();
  }

  async declare(input: { to: string; symptoms: string[]; temperature: string; travel?: string; keyContact?: boolean }): Promise<void> {
    await this.page.getByTestId('declare-to').selectOption({ label: input.to });
    for (const s of input.symptoms.length ? input.symptoms : ['none']) await this.page.getByTestId(`symptom-${s}`).check();
    await this.page.getByTestId('declare-temperature').fill(input.temperature);
    if (input.travel) {
      await this.page.getByTestId('declare-travel-yes').check();
      await this.page.getByTestId('declare-travel-where').fill(input.travel);
    } else await this.page.getByTestId('declare-travel-no').check();
    await this.page.getByTestId(input.keyContact ? 'declare-keyContact-yes' : 'declare-keyContact-no').check();
    await this.page.getByTestId('declare-submit').click();
  }

  notice = () => this.page.getByTestId('declare-notice');

  /** Switches the page to the family member shown by this masked name (or back to oneself). */
  async showFor(maskedName: string): Promise<void> {
    await this.page.getByTestId('declare-for').getByTestId('member-switch').click();
    await this.page.getByTestId('member-option').filter({ hasText: maskedName }).click();
    await expect(this.page.getByTestId('declare-for').getByTestId('masked-name')).toHaveText(maskedName);
  }
}
