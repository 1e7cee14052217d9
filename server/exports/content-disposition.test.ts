// Content-Disposition for Chinese and awkward file names, checked against RFC 6266 / 8187 by decoding it back.

import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

/** The name a client that understands filename* would save, decoded independently of the encoder. */
function extName(header: string): string | undefined {
  const m = /filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
}

function fallbackName(header: string): string | undefined {
  return /; filename="([\x20-\x7e]*?)"(;|$)/.exec(header)?.[1];
}

describe('contentDisposition', () => {
  it('gives a Chinese name as UTF-8 filename* and a readable ASCII fallback', () => {
    const header = contentDisposition('示范商场-每日统计-2024-05.csv');
    expect(header).toBe(
      `attachment; filename="_-_-2024-05.csv"; filename*=UTF-8''%E7%A4%BA%E8%8C%83%E5%95%86%E5%9C%BA-%E6%AF%8F%E6%97%A5%E7%BB%9F%E8%AE%A1-2024-05.csv`,
    );
    expect(extName(header)).toBe('示范商场-每日统计-2024-05.csv');
  });

  it('keeps a plain ASCII name as the only parameter', () => {
    expect(contentDisposition('daily counts 2024-05.xlsx')).toBe('attachment; filename="daily counts 2024-05.xlsx"');
    expect(contentDisposition('report.csv', 'inline')).toBe('inline; filename="report.csv"');
  });

  it('falls back to download.<ext> when nothing ASCII is left of the name', () => {
    const header = contentDisposition('每日统计.xlsx');
    expect(fallbackName(header)).toBe('download.xlsx');
    expect(extName(header)).toBe('每日统计.xlsx');
  });

  it('never lets quotes, backslashes, percent signs, controls or paths break the header', () => {
    for (const [input, saved] of [
      ['a"b%d.csv', 'a"b%d.csv'],
      ["it's (1) *final*.csv", "it's (1) *final*.csv"],
      ['line\r\nbreak.csv', 'linebreak.csv'],
      ['../../etc/passwd', 'passwd'],
      ['C:\\Users\\x\\报表.csv', '报表.csv'],
      ['', 'download'],
      ['bad\uD800half.csv', 'bad\uFFFDhalf.csv'],
    ] as const) {
      const header = contentDisposition(input);
      expect(header, input).not.toMatch(/[\r\n]/);
      expect(fallbackName(header), input).toBeDefined();
      expect(fallbackName(header), input).not.toMatch(/["\\%]/);
      expect(extName(header) ?? fallbackName(header), input).toBe(saved);
    }
  });
});
