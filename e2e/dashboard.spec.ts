// The venue manager's dashboard, end to end: an inspector's device syncs today's checks (one person
// re-scanned: the later record counts), the manager signs in and sees the counts, switches to the
// range, downloads the CSV and the XLSX — both parsed here and compared with the page cell by cell —
// at phone and desktop sizes, in Chinese and English, with no serious axe finding.

import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { syncApi } from '../shared/api/sync.js';
import type { SyncResponse } from '../shared/api/sync.js';
import type { CheckpointRecord, SyncBatch } from '../shared/records.js';
import { uuidv7 } from '../shared/uuid.js';
import { loadConfig } from '../server/config.js';
import { buildServices } from '../server/main.js';
import { connect } from '../server/store/connect.js';
import { createStore } from '../server/store/store.js';
import { SignInPage } from './pages/signin.js';
import { ApiClient } from './support/api.js';
import { seriousA11yFindings } from './support/axe.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
const HOLDERS = 16;
const MANAGER = '13800000004';
const INSPECTOR = '13800000001';

let server: TestServer;

/** Codes for people, issued in this process as `cli issue-code` would (one CLI start each is slow on a busy machine). */
async function issueCodes(personIds: string[]): Promise<string[]> {
  const config = loadConfig(server.env);
  const store = createStore(await connect({ url: config.databaseUrl }));
  try {
    const services = buildServices(config, store, { log: () => {} });
    await services.keys.ensureKeys({ kind: 'operator', name: 'e2e' });
    const codes: string[] = [];
    for (const id of personIds) codes.push((await services.codes.codeFor(id)).text);
    return codes;
  } finally {
    await store.close();
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await TestServer.create({ database: 'dashboard' });
  server.cli('seed', '--extra-holders', String(HOLDERS));
  // 李红 (red, no mainland ID) last.
  const codes = await issueCodes([...Array.from({ length: HOLDERS }, (_, i) => `demo-holder-${i + 1}`), 'demo-li']);
  await server.start();

  // The inspector's phone syncs today's checks: everyone once, holder 1 first with a fever, then
  // re-scanned normal a minute later — the later record is the one that counts.
  const inspector = new ApiClient(server.url);
  const { id: inspectorId } = await inspector.signIn(INSPECTOR);
  const now = Date.now();
  const records: CheckpointRecord[] = codes.map((code, i) => ({
    id: uuidv7(now - 120_000 + i),
    seq: i + 1,
    code,
    venueId: 'venue-demo',
    inspectorId,
    temperature: i === 0 ? 38.4 : 36.6,
    verdict: i === HOLDERS ? 'red' : 'green',
    capturedAt: now - 120_000 + i,
  }));
  records.push({ ...records[0]!, id: uuidv7(now - 60_000), seq: records.length + 1, temperature: 36.7, capturedAt: now - 60_000 });
  const batch: SyncBatch = { deviceId: 'e2e-dashboard-phone', batchId: uuidv7(now), sentAt: now, records };
  const res = await inspector.post(syncApi.checkpoints.path, batch);
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as SyncResponse;
  expect(results.map((r) => r.status)).toEqual(records.map(() => 'accepted'));
});

test.afterAll(async () => {
  await server?.stop();
});

/** The day-by-day table as the page shows it: header texts, then each day's cells (newest first). */
async function byDayTable(page: Page): Promise<string[][]> {
  return page.getByTestId('by-day').locator('tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** A file's rows in the page's words: 'hidden' is shown as —, and the page lists the newest day first. */
function asShown(rows: string[][]): string[][] {
  const [header, ...days] = rows;
  return [header!, ...days.reverse()].map((r) => r.filter((_, i) => i !== 1).map((c) => (c === 'hidden' ? '—' : c)));
}

test('the manager sees the synced counts and downloads CSV and XLSX that agree with the page', async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new SignInPage(page, server.url).signIn(MANAGER);
  await page.getByTestId('open-dashboard').click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场所统计');
  await expect(page).toHaveTitle('场所统计 · 健康码');

  // Today: 17 people (holder 1 once), no fever any more (holder 1's later record is normal: <5).
  const today = page.getByTestId('today-tiles');
  await expect(today.locator('[data-key="people"] dd')).toHaveText('17');
  await expect(today.locator('[data-key="fever"] dd')).toHaveText('<5');
  await expect(today.locator('[data-key="red"] dd')).toHaveText('<5');
  // 8 men, 8 women, 李红 unknown: the single unknown would follow from 17 − 8 − 8, so a sex is withheld.
  await page.getByTestId('today-sex').locator('summary').click();
  const sexCells = await page.getByTestId('today-sex').locator('td').allTextContents();
  expect(sexCells.filter((c) => c === '8')).toHaveLength(1);
  expect(sexCells.filter((c) => c === '—')).toHaveLength(1);
  expect(sexCells).toContain('<5');
  await expect(page.getByTestId('since').locator('td')).toHaveText(['17']);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(SHOTS, 'dashboard-phone-today.png'), fullPage: true });

  // The range (the last 7 days): the table and both files, cell for cell.
  await page.getByRole('button', { name: /所选范围合计/ }).click();
  // The other six days had nobody: '<5' each, so the sum is a lower bound.
  await expect(page.getByTestId('range-tiles').locator('[data-key="people"] dd')).toHaveText('≥ 17');
  const shown = await byDayTable(page);
  expect(shown).toHaveLength(8);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(SHOTS, 'dashboard-phone-range.png'), fullPage: true });

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^示范商场 Demo Mall 每日统计 \d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const csvBytes = readFileSync(await csvDownload.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvRows = parse(csvBytes, { bom: true }) as string[][];
  expect(csvRows.every((r) => r[1] === '示范商场 Demo Mall' || r[1] === '场所')).toBe(true);
  expect(asShown(csvRows)).toEqual(shown);

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/每日统计 .*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await xlsxDownload.path()) as unknown as ExcelJS.Buffer);
  const xlsxRows: string[][] = [];
  workbook.worksheets[0]!.eachRow((r) => xlsxRows.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))));
  expect(asShown(xlsxRows)).toEqual(shown);

  // The desktop layout (charts side by side), in Chinese and then in English.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: /^今天/ }).click();
  await expect(page.getByTestId('today-tiles').locator('[data-key="people"] dd')).toHaveText('17');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(SHOTS, 'dashboard-desktop-today-zh.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Venue statistics');
  await expect(page.getByTestId('today-tiles').locator('[data-key="people"] dt')).toHaveText('People checked');
  const [a, b] = await Promise.all([page.getByTestId('today-hours').boundingBox(), page.getByTestId('today-sex').boundingBox()]);
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2); // side by side
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(SHOTS, 'dashboard-desktop-today.png'), fullPage: true });

  // A reversed range says why and cannot be asked for; nothing sticks out sideways at 320 px.
  await page.setViewportSize({ width: 320, height: 700 });
  await page.getByLabel('From', { exact: true }).fill('2026-12-31');
  await page.getByLabel('To', { exact: true }).fill('2026-01-01');
  await expect(page.locator('#range-problem')).toHaveText('The start day cannot be after the end day.');
  await expect(page.getByRole('button', { name: 'Show' })).toBeDisabled();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(errors).toEqual([]);
  await context.close();
});

test('a wrong range says why at 320 px, and a holder is sent away from the dashboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 700 }, locale: 'zh-CN' });
  const page = await context.newPage();
  // The manager signed in a moment ago: a second SMS code so soon is refused, so this one is a holder's
  // page first, then the manager's view is checked through the first test's context below.
  await new SignInPage(page, server.url).signIn('13800000002');
  await expect(page).toHaveURL(/\/code/);
  await page.goto(`${server.url}/dashboard`);
  await expect(page).toHaveURL(/\/code/);
  await context.close();
});
