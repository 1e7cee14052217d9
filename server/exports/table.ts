// What every export shares: the description of a table (typed columns with a header per language),
// the checks a row's cells go through, and the formula-injection guard both file formats apply.

export type ExportLang = 'zh-CN' | 'en';

/**
 * text: a string; integer / decimal: a finite number (stays a number in both formats); date: a
 * calendar day as `YYYY-MM-DD` (the local day the domain counts by, so no time zone can shift it).
 */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'count';

/**
 * count: a published count of people — a whole number, or one of these marks for a suppressed
 * cell (fewer than 5; 5 or more withheld), which stay text in both formats.
 */
export const COUNT_MARKS: readonly string[] = ['<5', 'hidden'];

/** What a cell may hold before it is checked against its column's type; null or undefined is an empty cell. */
export type CellValue = string | number | null | undefined;

export interface ExportColumn<Key extends string = string> {
  key: Key;
  header: Record<ExportLang, string>;
  type: ColumnType;
  /** decimal only: digits after the point, in CSV text and the XLSX number format (e.g. 1 for 36.5). */
  fractionDigits?: number;
  /** XLSX column width in characters; otherwise one that fits the header and the type. */
  width?: number;
}

export interface ExportTable<Row extends object> {
  /** The XLSX sheet's name; file names are the caller's. */
  name: Record<ExportLang, string>;
  columns: readonly ExportColumn<keyof Row & string>[];
}

/** A checked cell: text (guarded), a number, a day, or nothing. */
export type Cell =
  | { type: 'text'; value: string }
  | { type: 'integer' | 'decimal'; value: number }
  | { type: 'date'; value: string; year: number; month: number; day: number }
  | { type: 'empty' };

/** Thrown while streaming when a row does not fit its table: a programming error, not bad user input. */
export class ExportCellError extends Error {
  override readonly name = 'ExportCellError';
}

/**
 * Cells a spreadsheet would read as a formula (OWASP "CSV injection": = + - @, tab, CR; LF as well,
 * and the full-width ＝ ＋ － ＠ that csv-stringify found Apple Numbers to normalise) get a leading
 * apostrophe, which spreadsheets take as "this is text".
 */
export function protectFormula(text: string): string {
  return /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkCell(column: ExportColumn, value: unknown, rowNumber: number): Cell {
  if (value === null || value === undefined) return { type: 'empty' };
  switch (column.type) {
    case 'text':
      if (typeof value !== 'string') throw invalid(column, value, rowNumber);
      return { type: 'text', value: protectFormula(value) };
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(column, value, rowNumber);
      return { type: 'integer', value };
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(column, value, rowNumber);
      return { type: 'decimal', value };
    case 'count':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return { type: 'integer', value };
      if (typeof value === 'string' && COUNT_MARKS.includes(value)) return { type: 'text', value };
      throw invalid(column, value, rowNumber);
    case 'date': {
      const m = typeof value === 'string' ? DAY.exec(value) : null;
      const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
      if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalid(column, value, rowNumber);
      return { type: 'date', value: m[0], year, month, day };
    }
  }
}

function invalid(column: ExportColumn, value: unknown, rowNumber: number): ExportCellError {
  return new ExportCellError(`Row ${rowNumber}, column ${column.key}: ${JSON.stringify(value)} is not a valid ${column.type}`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The row's cells in column order, checked. */
export function checkRow<Row extends object>(table: ExportTable<Row>, row: Row, rowNumber: number): Cell[] {
  return table.columns.map((column) => checkCell(column, (row as Record<string, unknown>)[column.key], rowNumber));
}

/** How a cell reads as text (CSV): numbers in plain notation, decimals to their column's digits. */
export function cellText(column: ExportColumn, cell: Cell): string {
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
    case 'date':
      return cell.value;
    case 'integer':
      return String(cell.value);
    case 'decimal':
      if (column.fractionDigits === undefined) return String(cell.value);
      // -0.04 to one digit is "-0.0": a reader would wonder what a negative zero means.
      return cell.value.toFixed(column.fractionDigits).replace(/^-(0(\.0*)?)$/, '$1');
  }
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
