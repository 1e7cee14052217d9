// A guardian adds a child (name + ID card checked against the registry), switches to the child's
// code from the name at the top, and prints the family sheet: the printed QR decodes and verifies at
// a gate as a printed code, the sheet prints centred on A4; printing again revokes the first sheet;
// the guardian's export holds the child's printouts and records, and the child's records page lists
// the display of the child's code on the guardian's phone. Pages at 390×844 and desktop.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { AccountExport } from '../shared/api/account.js';
import { syncApi, type SyncResponse } from '../shared/api/sync.js';
import type { CheckpointRecord } from '../shared/records.js';
import { uuidv7 } from '../shared/uuid.js';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { ApiClient } from './support/api.js';
import { seriousA11yFindings } from './support/axe.js';
import { decodeQrElement, gateVerdict } from './support/decode.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
/** CSS pixels (96 per inch) of a length in millimetres. */
const mmPx = (mm: number) => (mm * 96) / 25.4;
let server: TestServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await TestServer.create({ database: 'family' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a guardian adds a child, shows the child’s code and prints the family sheet', async ({ page }) => {
  await new SignInPage(page, server.url).signIn('13800000002');
  const holder = new HolderPage(page);
  await expect(holder.maskedName).toHaveText('张*明');
  await page.getByTestId('family-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('家庭成员');

  // A wrong check digit is caught on the phone, tied to its field.
  await page.getByTestId('member-name').fill('张小宝');
  await page.getByTestId('member-number').fill('440103 20180615 0023');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('member-documentNumber-error')).toBeVisible();
  await expect(page.getByTestId('member-number')).toHaveAttribute('aria-invalid', 'true');
  // A name that does not match the registry is caught by the server.
  await page.getByTestId('member-name').fill('张小明');
  await page.getByTestId('member-number').fill('440103 20180615 0022');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('member-name-error')).toBeVisible();
  await page.getByTestId('member-name').fill('张小宝');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('member-added')).toContainText('张*宝');
  await expect(page.getByTestId('family-list')).toContainText('张*宝');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'family.png'), fullPage: true });

  // The child's own code, from the name at the top of the code page.
  await page.getByText('返回健康码').click();
  await page.getByTestId('member-switch').click();
  await page.getByTestId('member-option').filter({ hasText: '张*宝' }).click();
  await expect(holder.maskedName).toHaveText('张*宝');
  await expect(page.getByText('家属健康码')).toBeVisible();
  await expect(holder.code).toHaveAttribute('data-status', 'green');
  await expect(holder.qr).toHaveAttribute('aria-label', /张\*宝的健康码，绿码，有效期至/);
  await holder.expectLive();
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'code-member.png') });

  // The whole family on one sheet.
  await page.getByTestId('family-link').click();
  await page.getByTestId('print-all').click();
  await page.getByTestId('print-make').click();
  const cards = page.getByTestId('print-card');
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('print-seq').first()).toHaveText('第 1 次打印');
  const childCard = cards.filter({ hasText: '张*宝' });
  const printed = await decodeQrElement(childCard.getByTestId('print-qr'));
  expect(await gateVerdict(server.url, printed)).toMatchObject({ kind: 'green', presence: 'printed', code: { kind: 'printed', maskedName: '张*宝' } });
  // The child shows the printout at the demo mall's gate: a temperature check in the child's records.
  const inspector = new ApiClient(server.url);
  const { id: inspectorId } = await inspector.signIn('13800000001');
  const now = Date.now();
  const check: CheckpointRecord = { id: uuidv7(now), seq: 1, code: printed, venueId: 'venue-demo', inspectorId, temperature: 37.6, verdict: 'green', capturedAt: now - 1000 };
  const synced = await inspector.post(syncApi.checkpoints.path, { deviceId: 'e2e-family-gate', batchId: uuidv7(now), sentAt: now, records: [check] });
  expect(((await synced.json()) as SyncResponse).results.map((r) => r.status)).toEqual(['accepted']);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'print-sheet.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  // A4's printable width at 96 dpi (210 mm less the stylesheet's 10 mm margins): the sheet sits in
  // its middle, every card whole and card-size (85.6 × 54 mm).
  const printable = Math.round(mmPx(190));
  await page.setViewportSize({ width: printable, height: Math.round(mmPx(277)) });
  const boxes = await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, width: r.width, height: r.height })));
  const [left, right] = [Math.min(...boxes.map((b) => b.left)), Math.max(...boxes.map((b) => b.right))];
  expect(Math.abs(left - (printable - right)), `sheet from ${left} to ${right} px of ${printable}`).toBeLessThan(mmPx(1));
  for (const b of boxes) expect([b.width, b.height].map((x) => Math.round(x))).toEqual([Math.round(mmPx(85.6)), Math.round(mmPx(54))]);
  await expect(page.getByRole('navigation')).toBeHidden();
  await page.screenshot({ path: resolve(SHOTS, 'print-sheet-a4.png'), fullPage: true });
  await page.pdf({ path: resolve(SHOTS, 'print-sheet.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 390, height: 844 });

  // Printing the child again revokes the first sheet, offline at the gate (red list).
  await page.goto(`${server.url}/family`);
  await page.getByTestId('member-print').click();
  await page.getByTestId('print-make').click();
  await expect(page.getByTestId('print-seq')).toHaveText('第 2 次打印');
  expect(await gateVerdict(server.url, printed)).toMatchObject({ kind: 'red-listed' });
  const reprinted = await decodeQrElement(page.getByTestId('print-qr'));
  expect(await gateVerdict(server.url, reprinted)).toMatchObject({ kind: 'green', presence: 'printed' });

  // The guardian's export holds the family: the child with the printouts and their reprint count,
  // and the child's records (the gate's temperature check), in the JSON and in the records CSV.
  const exported = (await (await page.request.get(`${server.url}/api/me/export`)).json()) as AccountExport;
  expect(exported.person).toMatchObject({ name: '张小明', printCount: 1 });
  expect(exported.familyMembers).toHaveLength(1);
  const child = exported.familyMembers[0]!;
  expect(child).toMatchObject({ name: '张小宝', relation: 'family', documentNumber: '440103201806150022', printCount: 2 });
  expect(child.printedCodes.map((c) => [c.seq, c.revokedAt !== null])).toEqual([[1, true], [2, false]]);
  expect(child.records.temperatureChecks).toEqual([expect.objectContaining({ venueName: '示范商场 Demo Mall', temperature: 37.6, fever: true })]);
  const csv = await (await page.request.get(`${server.url}/api/me/export/records.csv`)).text();
  expect(csv).toContain('张小宝,场所测温');
  expect(csv).toContain('37.6 °C,示范商场 Demo Mall,发热');
  expect(csv).toMatch(/张小宝,打印健康码,[^,]+,第 2 次打印,,有效期至 /);

  // The child's records page: the code the guardian's phone showed is the child's display (亮码记录),
  // next to the gate's temperature check; switching back shows the guardian's own.
  await page.goto(`${server.url}/records`);
  await expect(page.getByTestId('records-person')).toContainText('张*明');
  await page.getByLabel('查看谁的记录').selectOption({ label: '张*宝' });
  await expect(page.getByTestId('records-person')).toContainText('张*宝');
  await expect(page.getByTestId('records-checks')).toContainText('37.6');
  await expect(page.getByTestId('display-row')).toHaveCount(1);
  await expect(page.getByTestId('display-row')).toHaveAttribute('data-offline', 'no');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'records-member.png'), fullPage: true });
  await page.getByLabel('查看谁的记录').selectOption({ label: '张*明（本人）' });
  await expect(page.getByTestId('records-person')).toContainText('张*明');
  await expect(page.getByTestId('records-checks')).not.toContainText('37.6');
});

test('the family page and the sheet on a desktop screen, in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await new SignInPage(page, server.url).signIn('13800000003');
  await expect(new HolderPage(page).code).toBeVisible();
  await page.getByTestId('family-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Family members');
  await page.getByTestId('member-name').fill('张小宝');
  await page.getByTestId('member-number').fill('440103201806150022');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('member-added')).toContainText('张*宝');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'family-desktop.png'), fullPage: true });
  await context.close();
});
