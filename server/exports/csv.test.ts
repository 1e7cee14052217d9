// The CSV writer, read back with csv-parse: BOM, RFC 4180 quoting, formula guard, streaming and backpressure.

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvStream } from './csv.js';
import { ExportCellError } from './table.js';
import { awkwardRows, awkwardVenuesShown, busyRow, dailyTable, endlessRows, heldBackRows, readAll, readUntil, sleep, untilStalled, type DailyRow } from './testing.js';

async function csvText(rows: Iterable<DailyRow> | AsyncIterable<DailyRow>, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Buffer> {
  return readAll(csvStream(dailyTable, rows, lang));
}

describe('csvStream', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', async () => {
    const bytes = await csvText(awkwardRows.slice(0, 2));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      '日期,场所,扫码人数,发热人数,最高体温 (°C)\r\n2024-05-01,示范商场,1203,2,38.3\r\n2024-02-29,"Mall, ""North"" gate",0,0,36.0\r\n',
    );
  });

  it('reads back cell for cell: Chinese text, quotes, commas, line breaks, guarded formulas, numbers and empty cells', async () => {
    const records = parse(await csvText(awkwardRows, 'en'), { bom: true, relax_column_count: false }) as string[][];
    expect(records[0]).toEqual(['Date', 'Venue', 'Scanned', 'Fever', 'Max temperature (°C)']);
    const body = records.slice(1);
    expect(body.map((r) => r[1])).toEqual(awkwardVenuesShown);
    expect(body.map((r) => r[0])).toEqual(awkwardRows.map((r) => r.day ?? ''));
    // Numbers stay plain numbers, negative ones included: only text is guarded.
    expect(body.map((r) => r[2])).toEqual(['1203', '0', '-5', '7', '1', '2', '3', '4', '5', '6', '', '8', '9']);
    expect(body.map((r) => r[4])).toEqual(['38.3', '36.0', '0.0', '37.3', '', '36.6', '36.6', '36.6', '36.6', '36.6', '', '36.6', '36.6']);
    expect(body[2]?.[3]).toBe('');
  });

  it('writes only the header for an empty table', async () => {
    const bytes = await csvText([]);
    expect(parse(bytes, { bom: true })).toEqual([['日期', '场所', '扫码人数', '发热人数', '最高体温 (°C)']]);
  });

  it('fails the stream on a cell that does not fit its column', async () => {
    for (const bad of [{ scanned: 1.5 }, { day: '2024-02-30' }, { day: '2024-1-5' }, { maxTemp: Number.NaN }, { venue: 42 as unknown as string }]) {
      const rows = [busyRow(1), { ...busyRow(2), ...bad }];
      await expect(csvText(rows), JSON.stringify(bad)).rejects.toBeInstanceOf(ExportCellError);
    }
  });

  it('sends rows before the last row exists', async () => {
    const source = heldBackRows(500);
    const reader = csvStream(dailyTable, source.rows, 'zh-CN').getReader();
    await readUntil(reader, busyRow(0).venue ?? '');
    expect(source.state.finished).toBe(false);
    source.release();
    const rest: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
    expect(Buffer.concat(rest).toString('utf8')).toContain('LAST ROW');
    expect(source.state.finished).toBe(true);
  });

  it('stops asking for rows while nobody reads, and ends the rows when the reader cancels', async () => {
    const source = endlessRows();
    const reader = csvStream(dailyTable, source.rows, 'en').getReader();
    await readUntil(reader, busyRow(1).venue ?? '');
    const stalled = await untilStalled(() => source.state.produced);
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(5_000);
    await reader.cancel();
    await sleep(50);
    expect(source.state.ended).toBe(true);
  });
});
