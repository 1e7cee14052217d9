// export.csv and export.xlsx through the real app: who may download, a BOM'd RFC 4180 CSV and a real
// XLSX named after the venue and range, every download audited — and both files agree with the
// dashboard's day numbers cell for cell.

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { pathOf } from '../../shared/api/contract.js';
import { statsApi, type Count, type VenueStats } from '../../shared/api/stats.js';
import { T0 } from '../../shared/testing.js';
import type { NewCheckin } from '../store/checkins.js';
import type { CheckpointRow } from '../store/records.js';
import type { Store } from '../store/store.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import { DAILY_TABLE, exportRow } from './export.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let n = 0;
function row(daysAgo: number, over: Partial<CheckpointRow> = {}): CheckpointRow {
  n += 1;
  const at = T0 - daysAgo * DAY;
  return {
    id: `x-${String(n).padStart(6, '0')}`,
    device_id: 'dev-1',
    seq: n,
    batch_id: 'b',
    venue_id: 'venue-demo',
    inspector_id: 'u-insp',
    code: 'HG1:X',
    sub: `s-${n}`,
    temperature: 36.5,
    client_verdict: 'green',
    server_verdict: 'green',
    captured_at: at,
    received_at: T0,
    day: new Date(at + 8 * HOUR).toISOString().slice(0, 10),
    hour: 16,
    sex: 'male',
    age_band: '30-39',
    supersedes: null,
    content_hash: `h-${n}`,
    flags: '',
    clock_skew_ms: 0,
    ...over,
  };
}

function checkin(daysAgo: number, sub: string, over: Partial<NewCheckin> = {}): NewCheckin {
  n += 1;
  const at = over.captured_at ?? T0 - daysAgo * DAY + 5 * 60_000;
  return {
    id: `c-${String(n).padStart(6, '0')}`,
    user_id: `u-${sub}`,
    sub,
    venue_id: 'venue-demo',
    inspector_tag: 'ABC234',
    inspector_id: 'u-insp',
    day: new Date(at + 8 * HOUR).toISOString().slice(0, 10),
    hour: 16,
    sex: 'male',
    age_band: '18-29',
    captured_at: at,
    received_at: T0,
    code_kid: 'kid',
    ...over,
  };
}

async function setup(s: Store): Promise<{ t: TestServer; manager: string }> {
  const t = await testServer(s);
  await seedPeople(s);
  await s.stats.setVenueManager('venue-demo', 'u-mgr');
  // Three busy days and one quiet one, with every kind of cell: shown, <5 and hidden.
  const rows: CheckpointRow[] = [];
  for (let d = 0; d < 3; d++) {
    for (let i = 0; i < 12 + d; i++) rows.push(row(d, { sex: i % 3 === 0 ? 'female' : 'male', age_band: i % 2 ? '18-29' : '60+', temperature: i < d ? 38 : 36.6 }));
  }
  rows.push(row(5), row(5, { sex: null, age_band: null }));
  await s.records.insertRecords(rows);
  await s.stats.markDaysChanged(rows.map((r) => ({ venueId: r.venue_id, day: r.day })));
  // Sunflower check-ins: six visitors today, and on the day before, the one person with a fever
  // checks in later (their latest check of the day is then a normal one). A check-in marks its day
  // changed as the check-in service does.
  const checkins = [
    ...Array.from({ length: 6 }, (_, i) => checkin(0, `visitor-${i}`, { sex: i % 2 ? 'female' : null })),
    checkin(1, rows.find((r) => r.day === '2026-11-20' && r.temperature === 38)!.sub!, { captured_at: T0 - DAY + HOUR }),
  ];
  for (const c of checkins) await s.checkins.insert(c);
  await s.stats.markDaysChanged(checkins.map((c) => ({ venueId: c.venue_id, day: c.day })));
  return { t, manager: await signInAs(t, s, '+8613800000004') };
}

const FROM = '2026-11-14';
const TO = '2026-11-21';
const file = (t: TestServer, cookie: string, format: 'csv' | 'xlsx', query = `from=${FROM}&to=${TO}`) =>
  t.app.request(`${pathOf((format === 'csv' ? statsApi.exportCsv : statsApi.exportXlsx).path, { id: 'venue-demo' })}?${query}`, { headers: { cookie } });

/** The dashboard's days as the export writes them: header row, then one row per day. */
async function dashboardRows(t: TestServer, cookie: string, lang: 'zh-CN' | 'en'): Promise<string[][]> {
  const res = await t.app.request(`${pathOf(statsApi.venueStats.path, { id: 'venue-demo' })}?from=${FROM}&to=${TO}`, { headers: { cookie } });
  const stats = (await res.json()) as VenueStats;
  return [
    DAILY_TABLE.columns.map((c) => c.header[lang]),
    ...stats.days.map((d) => Object.values(exportRow(stats.venue.name, d)).map((v: Count | string) => String(v))),
  ];
}

describeStores('venue daily export', (getStore) => {
  it('CSV: BOM, RFC 4180, the venue and range in the file name, the dashboard’s numbers, audited', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    const res = await file(t, manager, 'csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition')!;
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`示范商场 Demo Mall 每日统计 ${FROM}_${TO}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n').length).toBe(8 + 2); // header, 8 days, and the final CRLF
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows).toEqual(await dashboardRows(t, manager, 'zh-CN'));
    // The busy days carry real numbers, the quiet one only marks; today's six check-ins count as people and as check-ins.
    expect(rows.find((r) => r[0] === TO)?.slice(2, 6)).toEqual(['18', '<5', '<5', '6']);
    // The day before: its one fever was checked in again later, normal.
    expect(rows.find((r) => r[0] === '2026-11-20')?.slice(2, 6)).toEqual(['13', '<5', '<5', '<5']);
    expect(rows.find((r) => r[0] === '2026-11-16')?.[2]).toBe('<5');
    const audit = await s.audit.recent(10);
    expect(audit.find((a) => a.action === 'venue.export')).toMatchObject({ actor: 'user:u-mgr', target: 'venue:venue-demo' });
  });

  it('XLSX: a workbook whose cells are the dashboard’s numbers (numbers as numbers, days as dates)', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    const res = await file(t, manager, 'xlsx', `from=${FROM}&to=${TO}&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`daily counts ${FROM}_${TO}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const cells: string[][] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      cells.push(values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v))));
    });
    expect(cells).toEqual(await dashboardRows(t, manager, 'en'));
    expect(sheet.getRow(2).getCell(3).value).toBe('<5');
    expect(sheet.getRow(2).getCell(1).value).toEqual(new Date(Date.UTC(2026, 10, 14)));
    expect(sheet.getRow(9).getCell(3).value).toBe(18);
    expect(sheet.getRow(9).getCell(6).value).toBe(6);
    expect((await s.audit.recent(10)).filter((a) => a.action === 'venue.export')).toHaveLength(1);
  });

  it('is for the venue’s manager and admins only, and refuses bad ranges', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    for (const phone of ['+8613800000001', '+8613800000002']) {
      const cookie = await signInAs(t, s, phone);
      for (const format of ['csv', 'xlsx'] as const) expect((await file(t, cookie, format)).status, `${phone} ${format}`).toBe(403);
    }
    await s.accounts.createUser({ id: 'u-mgr2', phone: '+8613800000006', role: 'manager', person_id: null, created_at: 1 });
    expect((await file(t, await signInAs(t, s, '+8613800000006'), 'csv')).status).toBe(403);
    const err = async (q: string) => ((await (await file(t, manager, 'csv', q)).json()) as { error: { code: string } }).error.code;
    expect(await err(`from=${TO}&to=${FROM}`)).toBe('stats_range_invalid');
    expect(await err('from=2026-02-30&to=2026-03-01')).toBe('validation_failed');
    expect(await err(`from=${FROM}&to=${TO}&lang=fr`)).toBe('validation_failed');
    expect(await err(`from=${FROM}&to=${TO}&format=csv`)).toBe('unknown_field');
    // Refused downloads are not audited as exports.
    expect((await s.audit.recent(20)).filter((a) => a.action === 'venue.export')).toHaveLength(0);
  });
});
