// Page model: an inbound traveller's first use (/travel), the texted personal link, and signing in
// with phone + SMS code from the dev outbox.

import { expect, type Page } from '@playwright/test';
import { systemApi } from '../../shared/api/system.js';

/** The newest dev-outbox message to a phone that matches `pattern`: its first group. */
export async function latestSms(baseUrl: string, phone: string, pattern: RegExp): Promise<string> {
  const res = await fetch(`${baseUrl}${systemApi.devSms.path}?phone=${encodeURIComponent(phone)}`);
  const { messages } = (await res.json()) as { messages: { body: string }[] };
  for (const m of messages) {
    const found = m.body.match(pattern);
    if (found) return found[1]!;
  }
  throw new Error(`no message like ${pattern} to ${phone}`);
}

export const SMS_CODE = /验证码 (\d{6})/;
export const LINK = /(https?:\/\/\S+\/travel\/return\?k=[A-Za-z0-9_-]{43})/;

export interface TravellerDetails {
  country: string;
  documentType?: string;
  name: string;
  number: string;
  issueCount?: string;
  phone: string;
}

export class TravellerPages {
  constructor(
    readonly page: Page,
    private readonly serverUrl: string,
  ) {}

  async openSignUp(): Promise<void> {
    await this.page.goto(`${this.serverUrl}/travel`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    // The country list arrives with its own chunk.
    await expect(this.page.getByTestId('signup-country').locator('option')).not.toHaveCount(1);
  }

  async fill(d: TravellerDetails): Promise<void> {
    await this.page.getByTestId('signup-country').selectOption(d.country);
    await this.page.getByTestId('signup-type').selectOption(d.documentType ?? 'passport');
    await this.page.getByTestId('signup-name').fill(d.name);
    await this.page.getByTestId('signup-number').fill(d.number);
    if (d.issueCount !== undefined) await this.page.getByTestId('signup-issue-count').fill(d.issueCount);
    await this.page.getByTestId('signup-phone').fill(d.phone);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('signup-submit').click();
  }

  /** After "send code": types the newest SMS code for the phone and signs in. */
  async enterSmsCode(phone: string): Promise<void> {
    await expect(this.page.getByTestId('otp-input')).toBeVisible();
    let code = '';
    await expect
      .poll(async () => (code = await latestSms(this.serverUrl, phone, SMS_CODE).catch(() => '')), { timeout: 10_000 })
      .toMatch(/^\d{6}$/);
    await this.page.getByTestId('otp-input').fill(code);
    await this.page.getByTestId('verify-code').click();
  }
}
