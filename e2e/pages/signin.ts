// Page model: signing in with a phone number and the SMS code read from the dev outbox.

import { expect, type Page } from '@playwright/test';

export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly serverUrl: string,
  ) {}

  /** The newest SMS code the embedded outbox holds for this phone. */
  async latestCode(phone: string): Promise<string> {
    const res = await fetch(`${this.serverUrl}/api/dev/outbox?phone=${encodeURIComponent(phone)}`);
    expect(res.ok).toBe(true);
    const { messages } = (await res.json()) as { messages: { body: string }[] };
    const code = messages[0]?.body.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no SMS code in the outbox for ${phone}`);
    return code;
  }

  async signIn(phone: string, { remember = true } = {}): Promise<void> {
    await this.page.goto(`${this.serverUrl}/signin`);
    await this.page.getByTestId('phone-input').fill(phone);
    await this.page.getByTestId('send-code').click();
    await expect(this.page.getByTestId('otp-input')).toBeVisible();
    await expect.poll(() => this.latestCode(phone).catch(() => ''), { timeout: 10_000 }).toMatch(/^\d{6}$/);
    await this.page.getByTestId('otp-input').fill(await this.latestCode(phone));
    if (remember) await this.page.getByTestId('remember').check();
    await this.page.getByTestId('verify-code').click();
  }
}
