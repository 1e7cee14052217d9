// The XLSX writer, read back with exceljs's reader: types, formats, guarded text, frozen header,
// widths, streaming and backpressure.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ExportCellError } from './table.js';
import { awkwardRows, awkwardVenuesShown, busyRow, dailyTable, endlessRows, heldBackRows, readAll, sleep, untilStalled, within, type DailyRow } from './testing.js';
import { xlsxStream } from './xlsx.js';

async function workbookOf(rows: Iterable<DailyRow> | AsyncIterable<DailyRow>, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<ExcelJS.Worksheet> {
  const bytes = await readAll(xlsxStream(dailyTable, rows, lang));
  const workbook = new ExcelJS.Workbook();
  // exceljs's types want its own Buffer flavour; the bytes are a Node Buffer.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0] as ExcelJS.Worksheet;
}

/** Cell values of a row, empty cells as null, from the first column to the table's last. */
function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  const row = sheet.getRow(n);
  return dailyTable.columns.map((_, i) => row.getCell(i + 1).value ?? null);
}

describe('xlsxStream', () => {
  it('reads back with the right types: text as text, numbers as numbers, days as dates, empty as empty', async () => {
    const sheet = await workbookOf(awkwardRows, 'en');
    expect(sheet.name).toBe('Daily counts');
    expect(rowValues(sheet, 1)).toEqual(['Date', 'Venue', 'Scanned', 'Fever', 'Max temperature (°C)']);
    expect(sheet.rowCount).toBe(awkwardRows.length + 1);
    expect(rowValues(sheet, 2)).toEqual([new Date(Date.UTC(2024, 4, 1)), '示范商场', 1203, 2, 38.25]);
    expect(rowValues(sheet, 3)).toEqual([new Date(Date.UTC(2024, 1, 29)), 'Mall, "North" gate', 0, 0, 36]);
    // Line breaks inside a cell are LF in a spreadsheet (XML would turn CR LF into LF anyway).
    expect(rowValues(sheet, 4)).toEqual([new Date(Date.UTC(2023, 11, 31)), '第一行\n第二行\n第三行', -5, null, -0.04]);
    expect(rowValues(sheet, 12)).toEqual([null, null, null, null, null]);
    const venues = awkwardRows.map((_, i) => sheet.getRow(i + 2).getCell(2).value ?? '');
    // The one difference from CSV: a line break inside a cell is LF.
    const shown = [...awkwardVenuesShown];
    shown[2] = '第一行\n第二行\n第三行';
    shown[8] = "'\n=1+1";
    expect(venues).toEqual(shown);
  });

  it('formats days and decimals, bolds and freezes the header, and sizes the columns', async () => {
    const sheet = await workbookOf(awkwardRows.slice(0, 2));
    expect(sheet.name).toBe('每日统计');
    expect(sheet.getRow(1).getCell(1).value).toBe('日期');
    expect(sheet.getRow(1).getCell(2).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('0.0');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const widths = dailyTable.columns.map((_, i) => sheet.getColumn(i + 1).width);
    // A text column is wider than a number column; a long Chinese header widens its column.
    expect(widths[1]).toBeGreaterThan(widths[2] ?? Infinity);
    expect(widths[4]).toBeGreaterThanOrEqual('最高体温 (°C)'.length + 4);
  });

  it('writes only the header for an empty table', async () => {
    const sheet = await workbookOf([]);
    expect(sheet.rowCount).toBe(1);
    expect(rowValues(sheet, 1)).toEqual(['日期', '场所', '扫码人数', '发热人数', '最高体温 (°C)']);
  });

  it('fails the stream on a cell that does not fit its column', async () => {
    const rows = [busyRow(1), { ...busyRow(2), fever: 0.5 }];
    await expect(readAll(xlsxStream(dailyTable, rows, 'en'))).rejects.toBeInstanceOf(ExportCellError);
  });

  it('sends sheet data before the last row exists', async () => {
    const source = heldBackRows(20_000);
    const reader = xlsxStream(dailyTable, source.rows, 'zh-CN').getReader();
    let received = 0;
    // Well past the zip's fixed parts (theme, relationships: a few KB), so rows must be in it.
    while (received < 200_000) {
      const next = await within(reader.read(), 10_000);
      if (next === 'timeout' || next.done) throw new Error(`only ${received} bytes arrived before the last row`);
      received += next.value.byteLength;
    }
    expect(source.state.finished).toBe(false);
    source.release();
    const rest: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
    expect(source.state.finished).toBe(true);
  });

  it('stops asking for rows while nobody reads, and ends the rows when the reader cancels', async () => {
    const source = endlessRows();
    const reader = xlsxStream(dailyTable, source.rows, 'en').getReader();
    await reader.read();
    // Compressed 8 to 1, the buffers between writer and reader (a few 64 KB) hold some thousand rows.
    const stalled = await untilStalled(() => source.state.produced);
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(50_000);
    await reader.cancel();
    await sleep(50);
    expect(source.state.ended).toBe(true);
  });
});
