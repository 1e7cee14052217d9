// Page model: the account page (devices signed in to the account; bound phone, export, deletion).

import type { Locator, Page } from '@playwright/test';

export class AccountPage {
  readonly devices: Locator;
  readonly thisDevice: Locator;
  readonly otherDevices: Locator;
  readonly endOthers: Locator;

  constructor(
    private readonly page: Page,
    private readonly serverUrl: string,
  ) {
    this.devices = page.getByTestId('device');
    this.thisDevice = page.locator('[data-testid="device"][data-current="yes"]');
    this.otherDevices = page.locator('[data-testid="device"][data-current="no"]');
    this.endOthers = page.getByTestId('end-other-devices');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.serverUrl}/account`);
  }

  endButton(device: Locator): Locator {
    return device.getByTestId('end-device');
  }

  forgetButton(device: Locator): Locator {
    return device.getByTestId('forget-device');
  }
}
