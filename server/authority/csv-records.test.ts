import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecords, FeedFileError, LineCounter, MAX_LINE_BYTES } from './csv-records.js';

/** What csv-parse alone makes of the whole text, with the options the feed reader used before the split. */
function byCsvParse(text: string): [number, string[]][] {
  const records = parse(text, { bom: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: MAX_LINE_BYTES }) as unknown as {
    record: string[];
    raw: string;
  }[];
  const lines = new LineCounter();
  return records.map(({ record, raw }) => [lines.startOf(raw), record]);
}

function bySplitter(pieces: string[]): [number, string[]][] {
  const out: [number, string[]][] = [];
  const records = new CsvRecords((line, cells) => out.push([line, cells]));
  for (const piece of pieces) records.write(piece);
  records.end();
  return out;
}

/** The text cut at the given fractions, so that lines and CRLFs straddle pieces. */
const cut = (text: string, at: number[]) => {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  return [...points, text.length].map((end, i) => text.slice(i === 0 ? 0 : points[i - 1], end));
};

// Characters chosen for where the two could differ: csv-parse trims its own few bytes off a cell's
// start but JavaScript's whitespace off its end (U+3000, U+00A0 are only the latter).
const plain = fc.constantFrom('a', '中', '1', ' ', '\t', '\f', '\v', '\u3000', '\u00a0', '-', 'Z');
const plainCell = fc.array(plain, { maxLength: 6 }).map((cs) => cs.join(''));
const quotedCell = (eol: string) =>
  fc
    .tuple(fc.constantFrom('', ' ', '\t'), fc.array(fc.oneof(plain, fc.constantFrom(',', '""', eol)), { maxLength: 6 }), fc.constantFrom('', ' ', '\t'))
    .map(([before, inner, after]) => `${before}"${inner.join('')}"${after}`);
const file = (withQuotes: boolean) =>
  fc.constantFrom('\n', '\r\n').chain((eol) =>
    fc
      .tuple(
        fc.boolean(),
        fc.array(fc.array(withQuotes ? fc.oneof({ weight: 4, arbitrary: plainCell }, { weight: 1, arbitrary: quotedCell(eol) }) : plainCell, { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.boolean(),
      )
      .map(([bom, rows, finalEol]) => `${bom ? '\uFEFF' : ''}${rows.map((cells) => cells.join(',')).join(eol)}${finalEol ? eol : ''}`),
  );

describe('splitting CSV records', () => {
  it('agrees with csv-parse on quote-free text: cells, trimming, blank lines, BOM, line numbers', () => {
    fc.assert(
      fc.property(file(false), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (text, at) => {
        expect(bySplitter(cut(text, at))).toEqual(byCsvParse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with csv-parse when quoted cells (with commas, doubled quotes and line breaks) come between plain lines', () => {
    fc.assert(
      fc.property(file(true), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (text, at) => {
        expect(bySplitter(cut(text, at))).toEqual(byCsvParse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('numbers the lines after a record that spans three lines', () => {
    expect(bySplitter(['h1,h2\r\n"a\r\nb\r\nc",d\r\n\r\nx,y\r\n'])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['a\r\nb\r\nc', 'd']],
      [6, ['x', 'y']],
    ]);
  });

  it('names the line where a quote is never closed, in the file’s numbering', () => {
    const text = `h1,h2\nok,1\nok,"2\n${'more\n'.repeat(3)}`;
    expect(() => bySplitter([text])).toThrow(FeedFileError);
    expect(() => bySplitter([text])).toThrow(/^line 3: Quote Not Closed.* at line 6$/);
  });

  it('gives up on an unclosed quote once it is longer than any row, without reading the rest of the file', () => {
    const records = new CsvRecords(() => {});
    records.write('h\n"open\n');
    expect(() => records.write(`${'x'.repeat(MAX_LINE_BYTES)}\n`)).toThrow(/^line 2: a quoted cell is never closed/);
  });
});
