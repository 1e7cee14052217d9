// Browser helpers: wait until the service worker controls the page (only then is "offline"
// honest), and read the number of rows the server stored, straight from its SQLite file.

import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
}

export function countRows(sqliteFile: string, table: string): number {
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export async function expectText(page: Page, testId: string, pattern: RegExp): Promise<void> {
  await expect(page.getByTestId(testId)).toHaveText(pattern);
}
