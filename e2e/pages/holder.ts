// Page model: the holder's own code.

import type { Locator, Page } from '@playwright/test';

export class HolderPage {
  readonly code: Locator;
  readonly qr: Locator;
  readonly maskedName: Locator;
  readonly reason: Locator;

  constructor(private readonly page: Page) {
    this.code = page.getByTestId('my-code');
    this.qr = page.getByTestId('code-qr');
    this.maskedName = page.getByTestId('masked-name');
    this.reason = page.getByTestId('code-reason');
  }

  status(): Promise<string | null> {
    return this.code.getAttribute('data-status');
  }
}
