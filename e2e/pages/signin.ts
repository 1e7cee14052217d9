// Page model: signing in with a phone number and the SMS code read from the dev outbox.

import { expect, type Page } from '@playwright/test';
import { latestSmsCode } from '../support/api.js';

export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly serverUrl: string,
  ) {}

  /** Signs in; `here` when the page is already on the sign-in form (sent there by a link). */
  async signIn(phone: string, { remember = true, here = false } = {}): Promise<void> {
    if (!here) await this.page.goto(`${this.serverUrl}/signin`);
    await this.page.getByTestId('phone-input').fill(phone);
    await this.page.getByTestId('send-code').click();
    await expect(this.page.getByTestId('otp-input')).toBeVisible();
    await expect.poll(() => latestSmsCode(this.serverUrl, phone).catch(() => ''), { timeout: 10_000 }).toMatch(/^\d{6}$/);
    await this.page.getByTestId('otp-input').fill(await latestSmsCode(this.serverUrl, phone));
    if (remember) await this.page.getByTestId('remember').check();
    await this.page.getByTestId('verify-code').click();
    // Signed in once the form has gone: a navigation before that would race the cookie (seen at load 10).
    await expect(this.page.getByTestId('otp-input')).toBeHidden({ timeout: 30_000 });
  }
}
