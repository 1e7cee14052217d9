// XLSX export with exceljs's streaming WorkbookWriter: each row is committed as it arrives, numbers
// stay numbers, days are real dates, formula-like text is guarded, the header row is frozen.

import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { checkRow, type Cell, type ExportColumn, type ExportLang, type ExportTable } from './table.js';

export function xlsxStream<Row extends object>(
  table: ExportTable<Row>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  lang: ExportLang,
): ReadableStream<Uint8Array> {
  const zip = new PassThrough({ highWaterMark: 64 * 1024 });
  const stop = new AbortController();
  // A reader that goes away destroys the zip stream: the writer stops and ends the rows' iterator.
  zip.once('close', () => stop.abort());
  void writeWorkbook(table, rows, lang, zip, stop.signal).catch((error: unknown) => {
    if (!stop.signal.aborted) zip.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  // Node's adapter pauses the zip stream while the reader's queue is full; the writer then waits on 'drain'.
  // (Not for-await over the stream: on Node 20 that kept ~150 bytes per chunk alive until the end.)
  return Readable.toWeb(zip) as ReadableStream<Uint8Array>;
}

async function writeWorkbook<Row extends object>(
  table: ExportTable<Row>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  lang: ExportLang,
  zip: PassThrough,
  signal: AbortSignal,
): Promise<void> {
  // Inline strings, not a shared-strings table: that table would hold every distinct text until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(table.name[lang]), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({ key: column.key, width: column.width ?? defaultWidth(column, lang) }));
  const header = sheet.addRow(table.columns.map((column) => column.header[lang]));
  header.font = { bold: true };
  header.commit();

  // One style object per column, shared by its cells: exceljs remembers a style object's id, where a
  // fresh object per cell costs a rendering of its XML to look the id up (most of the garbage).
  const styles: Partial<ExcelJS.Style>[] = table.columns.map((column) => {
    const numFmt = numberFormat(column);
    return numFmt ? { numFmt } : {};
  });
  let entry: DrainableEntry | undefined;
  let rowNumber = 0;
  for await (const row of rows) {
    if (signal.aborted) return;
    rowNumber += 1;
    const cells = checkRow(table, row, rowNumber);
    const added = sheet.addRow(cells.map(cellValue));
    styles.forEach((style, i) => (added.getCell(i + 1).style = style));
    added.commit();
    // Two places to wait: deflate slower than the rows, and the reader slower than deflate (the
    // zip archiver keeps compressing into its own buffer while its output is full).
    entry ??= sheetEntry(sheet);
    if (entry._writableState.needDrain) await once(entry, 'drain', { signal });
    if (zip.writableNeedDrain) await once(zip, 'drain', { signal });
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * exceljs hands a sheet's XML to the zip through its StreamBuf, whose pipe ignores write()'s "slow
 * down": rows committed faster than deflate runs pile up in memory (44 MB after 200,000 rows when
 * measured). So we wait on that pipe's drain ourselves. It is an exceljs internal (4.4): if it
 * moves, this throws at the first row rather than buffering a whole export silently.
 */
type DrainableEntry = EventEmitter & { _writableState: { needDrain: boolean } };

function sheetEntry(sheet: ExcelJS.Worksheet): DrainableEntry {
  const pipe = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
  if (!(pipe instanceof EventEmitter) || typeof (pipe as Partial<DrainableEntry>)._writableState?.needDrain !== 'boolean') {
    throw new Error('exceljs no longer pipes the sheet into the zip as expected: check server/exports/xlsx.ts after upgrading it');
  }
  return pipe as DrainableEntry;
}

function cellValue(cell: Cell): string | number | Date | null {
  switch (cell.type) {
    case 'empty':
      return null;
    case 'text':
      // XML reads CR LF and CR as LF anyway; saying so here keeps the file what we meant.
      return cell.value.replace(/\r\n?/g, '\n');
    case 'integer':
    case 'decimal':
      return cell.value;
    case 'date':
      // exceljs turns a Date into a spreadsheet serial from its UTC time: midnight UTC is that day exactly.
      return new Date(Date.UTC(cell.year, cell.month - 1, cell.day));
  }
}

function numberFormat(column: ExportColumn): string | undefined {
  if (column.type === 'date') return 'yyyy-mm-dd';
  if (column.type === 'decimal' && column.fractionDigits !== undefined) {
    return column.fractionDigits > 0 ? `0.${'0'.repeat(column.fractionDigits)}` : '0';
  }
  return undefined;
}

const TYPE_WIDTH: Record<ExportColumn['type'], number> = { text: 24, integer: 10, decimal: 10, date: 12, count: 10 };

/** Wide enough for the header (a Chinese character takes two columns) and for a typical value of the type. */
function defaultWidth(column: ExportColumn, lang: ExportLang): number {
  let header = 0;
  for (const ch of column.header[lang]) header += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return Math.max(header + 2, TYPE_WIDTH[column.type]);
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}
