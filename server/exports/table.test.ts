// Cell checks and the formula guard every export format shares.

import { describe, expect, it } from 'vitest';
import { cellText, checkCell, ExportCellError, protectFormula, type ExportColumn } from './table.js';

const text: ExportColumn = { key: 't', type: 'text', header: { 'zh-CN': '文本', en: 'Text' } };
const integer: ExportColumn = { key: 'i', type: 'integer', header: { 'zh-CN': '整数', en: 'Integer' } };
const decimal: ExportColumn = { key: 'd', type: 'decimal', fractionDigits: 2, header: { 'zh-CN': '小数', en: 'Decimal' } };
const date: ExportColumn = { key: 'day', type: 'date', header: { 'zh-CN': '日期', en: 'Date' } };

describe('protectFormula', () => {
  it('puts an apostrophe before every character a spreadsheet starts a formula with', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']) {
      expect(protectFormula(`${start}HYPERLINK("http://x")`)).toBe(`'${start}HYPERLINK("http://x")`);
    }
  });

  it('leaves other text alone, formula characters later in the text included', () => {
    for (const safe of ['', '示范商场', 'a=1', ' =1', "'=1", '1+1', '36.5']) expect(protectFormula(safe)).toBe(safe);
  });
});

describe('checkCell', () => {
  it('accepts values of the column type and guards text', () => {
    expect(checkCell(text, '=1+1', 1)).toEqual({ type: 'text', value: "'=1+1" });
    expect(checkCell(integer, -3, 1)).toEqual({ type: 'integer', value: -3 });
    expect(checkCell(decimal, 36.55, 1)).toEqual({ type: 'decimal', value: 36.55 });
    expect(checkCell(date, '2024-02-29', 1)).toEqual({ type: 'date', value: '2024-02-29', year: 2024, month: 2, day: 29 });
    expect(checkCell(date, '2000-02-29', 1)).toMatchObject({ type: 'date', day: 29 });
    expect(checkCell(date, '2024-12-31', 1)).toMatchObject({ type: 'date', month: 12, day: 31 });
    expect(checkCell(text, null, 1)).toEqual({ type: 'empty' });
    expect(checkCell(integer, undefined, 1)).toEqual({ type: 'empty' });
  });

  it('refuses values that do not fit, naming the row and column', () => {
    const cases: [ExportColumn, unknown][] = [
      [text, 5],
      [integer, 1.5],
      [integer, '5'],
      [integer, 2 ** 53],
      [decimal, Number.POSITIVE_INFINITY],
      [decimal, Number.NaN],
      [date, '2023-02-29'],
      [date, '1900-02-29'],
      [date, '2024-04-31'],
      [date, '2024-00-10'],
      [date, '2024-01-00'],
      [date, '2024-13-01'],
      [date, '2024-01-01T00:00:00Z'],
      [date, new Date()],
    ];
    for (const [column, value] of cases) {
      expect(() => checkCell(column, value, 7), `${column.type} ${String(value)}`).toThrow(ExportCellError);
      expect(() => checkCell(column, value, 7)).toThrow(new RegExp(`Row 7, column ${column.key}`));
    }
  });
});

describe('cellText', () => {
  it('writes decimals to their digits without a negative zero, and integers plainly', () => {
    expect(cellText(decimal, { type: 'decimal', value: 36.5 })).toBe('36.50');
    expect(cellText(decimal, { type: 'decimal', value: -0.001 })).toBe('0.00');
    expect(cellText(decimal, { type: 'decimal', value: -1.004 })).toBe('-1.00');
    expect(cellText({ ...decimal, fractionDigits: undefined }, { type: 'decimal', value: 0.1 + 0.2 })).toBe('0.30000000000000004');
    expect(cellText(integer, { type: 'integer', value: 9_007_199_254_740_991 })).toBe('9007199254740991');
    expect(cellText(text, { type: 'empty' })).toBe('');
  });
});

describe('count cells', () => {
  const count: ExportColumn = { key: 'c', type: 'count', header: { 'zh-CN': '人数', en: 'People' } };
  it('hold a whole number of people or a suppression mark, nothing else', () => {
    expect(checkCell(count, 12, 1)).toEqual({ type: 'integer', value: 12 });
    expect(checkCell(count, '<5', 1)).toEqual({ type: 'text', value: '<5' });
    expect(checkCell(count, 'hidden', 1)).toEqual({ type: 'text', value: 'hidden' });
    for (const bad of [-1, 1.5, '3', '=1+1', Number.NaN]) expect(() => checkCell(count, bad, 2)).toThrow(ExportCellError);
  });
});
