// CSV text to records, each with the line it starts on, for the status-feed reader. csv-parse is
// the CSV parser; this decides which text needs it. Measured on a million-row feed, csv-parse took
// 7–9 µs a record — most of the import's CPU time — while nearly every line of a feed holds no
// quote at all. Such a line is exactly its comma-separated cells, trimmed as csv-parse's `trim`
// does (csv-records.test.ts checks the two agree on random quote-free text), and is split here.
// A record with a quote, which may run over several lines, goes to csv-parse whole.

import { CsvError } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';

/** No row of ours comes near this; a longer one is garbage or an unclosed quote eating the file. */
export const MAX_LINE_BYTES = 16 * 1024;

/** A line longer than this goes to csv-parse, which enforces the record size limit. */
const SPLIT_MAX = 4096;

/** The whole file is unreadable past `line` (not UTF-8, bad header, broken quoting): import nothing. */
export class FeedFileError extends Error {
  override name = 'FeedFileError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const CSV_OPTIONS = { raw: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: MAX_LINE_BYTES } as const;

/**
 * Where each record starts, counted from its raw text: csv-parse's own line count takes a CRLF inside
 * a quoted cell for two lines. A CRLF split across two pieces of text must still count once.
 */
export class LineCounter {
  private endedWithCr = false;

  constructor(private next = 1) {}

  /** The line the record in `raw` starts on (after any blank lines skipped before it). */
  startOf(raw: string): number {
    const text = this.endedWithCr && raw.startsWith('\n') ? raw.slice(1) : raw;
    // Blank as csv-parse's skip_empty_lines (with trim) sees it: nothing but spaces, tabs, form feeds.
    const blank = /^(?:[ \t\f]*(?:\r\n|\r|\n))*/.exec(text)![0];
    const start = this.next + (blank.match(/\r\n|\r|\n/g)?.length ?? 0);
    this.next += text.match(/\r\n|\r|\n/g)?.length ?? 0;
    this.endedWithCr = text.endsWith('\r');
    return start;
  }
}

/** A cell as csv-parse's `trim` leaves it: its own few bytes off the start, JavaScript whitespace off the end. */
function trimCell(cell: string): string {
  let start = 0;
  for (let ch = cell.charCodeAt(0); ch === 0x20 || ch === 0x09 || ch === 0x0c; ch = cell.charCodeAt(++start));
  return (start === 0 ? cell : cell.slice(start)).trimEnd();
}

/** True when csv-parse's `skip_empty_lines` (with `trim`) skips the line: nothing but those bytes. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0c) return false;
  }
  return true;
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Text in, records out (`emit(line, cells)`), synchronously: no promise or stream per record. Lines
 * end at LF or CRLF; a BOM at the start of the file is dropped; blank lines are skipped.
 */
export class CsvRecords {
  /** The number of the next physical line. */
  private line = 1;
  /** Text after the last line break written. */
  private partial = '';
  /** A record with quotes, still open (an odd number of quote characters so far). */
  private quoted = '';
  private quotedStart = 0;
  private quotes = 0;

  constructor(private readonly emit: (line: number, cells: string[]) => void) {}

  write(text: string): void {
    let start = 0;
    if (this.partial !== '') {
      text = this.partial + text;
      this.partial = '';
    }
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.take(text.slice(start, nl + 1));
      start = nl + 1;
    }
    if (start < text.length) this.partial = text.slice(start);
  }

  /** The last line (without a line break), then any record still open: csv-parse reports it. */
  end(): void {
    if (this.partial !== '') this.take(this.partial);
    this.partial = '';
    if (this.quoted !== '') this.flushQuoted();
  }

  /** One physical line, with its line break (absent only at the end of the file). */
  private take(raw: string): void {
    if (this.quoted !== '') {
      this.quoted += raw;
      this.quotes += countQuotes(raw);
      if (this.quotes % 2 === 0) this.flushQuoted();
      else if (this.quoted.length > MAX_LINE_BYTES) throw new FeedFileError(this.quotedStart, 'a quoted cell is never closed');
      return;
    }
    let end = raw.length;
    if (raw.charCodeAt(end - 1) === 0x0a) end--;
    if (raw.charCodeAt(end - 1) === 0x0d) end--;
    let body = raw.slice(0, end);
    if (this.line === 1 && body.charCodeAt(0) === 0xfeff) body = body.slice(1);
    if (body.length <= SPLIT_MAX && body.indexOf('"') === -1 && body.indexOf('\r') === -1) {
      const line = this.line++;
      if (isBlank(body)) return;
      const cells = body.split(',');
      for (let i = 0; i < cells.length; i++) cells[i] = trimCell(cells[i]!);
      this.emit(line, cells);
      return;
    }
    this.quoted = this.line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    this.quotedStart = this.line;
    this.quotes = countQuotes(raw);
    if (this.quotes % 2 === 0) this.flushQuoted();
  }

  /** csv-parse reads the record (or, with a stray carriage return, records) and numbers the lines. */
  private flushQuoted(): void {
    const text = this.quoted;
    const first = this.quotedStart;
    this.quoted = '';
    let records: { record: string[]; raw: string }[];
    try {
      records = parseCsv(text, CSV_OPTIONS) as unknown as { record: string[]; raw: string }[];
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      // The record that cannot be read starts at `first`; csv-parse counts from there, so its own
      // line numbers are turned into the file's.
      const message = err.message.replace(/\bline (\d+)/g, (_, n: string) => `line ${first + Number(n) - 1}`);
      throw new FeedFileError(first, message);
    }
    const lines = new LineCounter(first);
    for (const { record, raw } of records) this.emit(lines.startOf(raw), record);
    this.line = first + (text.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
}
