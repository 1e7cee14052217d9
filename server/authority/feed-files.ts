// Feed files as the authority receives them (CSV, or NDJSON from feed systems), read row by row
// without holding the file in memory, plus the templates and the OpenAPI document — all three
// generated from the row schemas in shared/feeds.ts, so what we publish is what we accept.

import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import { stringify } from 'csv-stringify/sync';
import * as v from 'valibot';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors.js';
import {
  FEED_KINDS,
  feedColumns,
  fieldError,
  FEEDS,
  ImportReportSchema,
  MAX_REPORTED_ROWS,
  ROW,
  validateFeedRow,
  type FeedKind,
  type FeedRow,
  type ImportReport,
  type RowResult,
} from '../../shared/feeds.js';
import { CsvRecords, FeedFileError, MAX_LINE_BYTES } from './csv-records.js';

export { FeedFileError, MAX_LINE_BYTES };

export const FEED_FORMATS = ['csv', 'ndjson'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];
export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson' };

export type FeedRowResult<F extends FeedKind> = RowResult<FeedRow<F>>;

/**
 * The rows of a file as they arrive, a batch per piece of input: the importer loops over a batch
 * without an await per row (a million-row feed is a million of them otherwise).
 */
export function readFeedBatches<F extends FeedKind>(feed: F, format: FeedFormat, input: AsyncIterable<Uint8Array>): AsyncGenerator<FeedRowResult<F>[]> {
  return format === 'csv' ? readFeedCsvBatches(feed, input) : readFeedNdjsonBatches(feed, input);
}

async function* rowByRow<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Row by row: the same rows as readFeedBatches. */
export function readFeedFile<F extends FeedKind>(feed: F, format: FeedFormat, input: AsyncIterable<Uint8Array>): AsyncGenerator<FeedRowResult<F>> {
  return rowByRow(readFeedBatches(feed, format, input));
}

// --- CSV ----------------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Decodes strictly: csv-parse alone would turn a GBK file (what Excel writes here unless told
 * otherwise) into U+FFFD without a word. Decodes whole lines (a newline byte is never inside a UTF-8
 * character), so a bad byte can be pinned to its line.
 */
async function* decodeUtf8(input: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let carry: Uint8Array = new Uint8Array(0);
  let line = 1;
  const decode = (bytes: Uint8Array): string => {
    try {
      return utf8.decode(bytes);
    } catch {
      let at = line;
      for (let start = 0; ; at++) {
        const nl = bytes.indexOf(0x0a, start);
        const end = nl === -1 ? bytes.length : nl;
        try {
          utf8.decode(bytes.subarray(start, end));
        } catch {
          break;
        }
        start = end + 1;
      }
      throw new FeedFileError(at, 'the file is not UTF-8 encoded (save it as "CSV UTF-8")');
    }
  };
  for await (const chunk of input) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const lastNewline = data.lastIndexOf(0x0a);
    if (lastNewline === -1) {
      if (data.length > 4 * MAX_LINE_BYTES) throw new FeedFileError(line, 'a line is far too long');
      carry = data;
      continue;
    }
    const lines = data.subarray(0, lastNewline + 1);
    const text = decode(lines);
    line += countNewlines(lines);
    carry = data.slice(lastNewline + 1);
    yield text;
  }
  if (carry.length > 0) yield decode(carry);
}

/** Which column each header cell names: a key, or its English or zh-CN title (any of the templates). */
function readHeader(feed: FeedKind, cells: string[], line: number): string[] {
  const byName = new Map<string, string>();
  for (const c of feedColumns(feed)) for (const name of [c.key, c.title.en, c.title['zh-CN']]) byName.set(name.toLowerCase(), c.key);
  const keys = cells.map((cell) => byName.get(cell.trim().toLowerCase()));
  const problems: string[] = [];
  cells.forEach((cell, i) => {
    if (keys[i] === undefined) problems.push(`unknown column "${cell}"`);
    else if (keys.indexOf(keys[i]) !== i) problems.push(`column "${cell}" appears twice`);
  });
  for (const c of feedColumns(feed)) if (c.required && !keys.includes(c.key)) problems.push(`missing column "${c.key}" (${c.title['zh-CN']})`);
  if (problems.length > 0) throw new FeedFileError(line, `bad header: ${problems.join('; ')}`);
  return keys as string[];
}

/** A header row, then one row per record; UTF-8 with or without BOM; empty cells of optional columns mean "absent". */
export async function* readFeedCsvBatches<F extends FeedKind>(feed: F, input: AsyncIterable<Uint8Array>): AsyncGenerator<FeedRowResult<F>[]> {
  let header: string[] | undefined;
  let batch: FeedRowResult<F>[] = [];
  const records = new CsvRecords((line, cells) => {
    if (!header) {
      header = readHeader(feed, cells, line);
      return;
    }
    if (cells.length !== header.length) {
      batch.push({ line, errors: [fieldError(ROW, 'wrong-column-count')] });
      return;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) if (cells[i] !== '') row[header[i]!] = cells[i]!;
    batch.push(validateFeedRow(feed, line, row));
  });
  // The rows before a file error still count in the report: they are handed over before it is thrown.
  const texts = decodeUtf8(input)[Symbol.asyncIterator]();
  for (;;) {
    let failure: { error: unknown } | undefined;
    let done = false;
    try {
      const next = await texts.next();
      if (next.done) {
        done = true;
        records.end();
      } else records.write(next.value);
    } catch (error) {
      failure = { error };
    }
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
    if (failure) throw failure.error;
    if (done) break;
  }
  if (!header) throw new FeedFileError(1, 'the file is empty: a header row is required');
}

/** Row by row: the same rows as readFeedCsvBatches. */
export function readFeedCsv<F extends FeedKind>(feed: F, input: AsyncIterable<Uint8Array>): AsyncGenerator<FeedRowResult<F>> {
  return rowByRow(readFeedCsvBatches(feed, input));
}

// --- NDJSON -------------------------------------------------------------------------------------

/** Top-level keys of a JSON object text, to catch `{"result":"negative","result":"positive"}`. */
function hasDuplicateKeys(json: string): boolean {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (ch === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      let after = end + 1;
      while (json[after] === ' ' || json[after] === '\t' || json[after] === '\r' || json[after] === '\n') after++;
      if (depth === 1 && json[after] === ':') {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (seen.has(key)) return true;
        seen.add(key);
      }
      i = end;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return false;
}

function ndjsonRow<F extends FeedKind>(feed: F, line: number, bytes: Uint8Array): FeedRowResult<F> | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { line, errors: [fieldError(ROW, 'not-utf8')] };
  }
  if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, errors: [fieldError(ROW, 'bad-json')] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, errors: [fieldError(ROW, 'not-json-object')] };
  if (hasDuplicateKeys(text)) return { line, errors: [fieldError(ROW, 'duplicate-field')] };
  return validateFeedRow(feed, line, value);
}

/**
 * One JSON object per line (NDJSON) rather than one JSON array: it streams with a line splitter
 * instead of an incremental JSON parser, a line number names each row in the report, and one
 * broken line is one rejected row instead of an unparseable file. Blank lines are skipped.
 */
export async function* readFeedNdjsonBatches<F extends FeedKind>(feed: F, input: AsyncIterable<Uint8Array>): AsyncGenerator<FeedRowResult<F>[]> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let tooLong = false;
  let line = 1;
  const finishLine = (): FeedRowResult<F> | undefined => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const result = tooLong ? { line, errors: [fieldError(ROW, 'line-too-long')] } : ndjsonRow(feed, line, bytes.subarray(0, end));
    parts = [];
    size = 0;
    tooLong = false;
    line++;
    return result;
  };
  const take = (piece: Uint8Array) => {
    if (tooLong || piece.length === 0) return;
    size += piece.length;
    if (size > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
    } else parts.push(piece);
  };
  for await (const chunk of input) {
    const batch: FeedRowResult<F>[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, nl));
      start = nl + 1;
      const result = finishLine();
      if (result) batch.push(result);
    }
    take(chunk.subarray(start));
    if (batch.length > 0) yield batch;
  }
  if (size > 0 || tooLong) {
    const result = finishLine();
    if (result) yield [result];
  }
}

/** Row by row: the same rows as readFeedNdjsonBatches. */
export function readFeedNdjson<F extends FeedKind>(feed: F, input: AsyncIterable<Uint8Array>): AsyncGenerator<FeedRowResult<F>> {
  return rowByRow(readFeedNdjsonBatches(feed, input));
}

// --- which feed a file is ---------------------------------------------------------------------

/**
 * The feed a file's first line names: a CSV header or the keys of the first JSON object, matched
 * against the columns only one feed has (by key, English or zh-CN title). Undefined when unsure.
 */
export function detectFeed(firstLine: string): FeedKind | undefined {
  const text = firstLine.replace(/^\uFEFF/, '').toLowerCase();
  const names = (feed: FeedKind) => new Set(feedColumns(feed).flatMap((c) => [c.key, c.title.en, c.title['zh-CN']].map((n) => n.toLowerCase())));
  // Names only this feed has (the document columns are in every feed and tell nothing).
  const only = (feed: FeedKind) => [...names(feed)].filter((n) => FEED_KINDS.every((other) => other === feed || !names(other).has(n)));
  const cells = text.trimStart().startsWith('{')
    ? (() => {
        try {
          return Object.keys(JSON.parse(firstLine.replace(/^\uFEFF/, '')) as object).map((k) => k.toLowerCase());
        } catch {
          return [];
        }
      })()
    : text.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const hits = FEED_KINDS.filter((feed) => only(feed).some((n) => cells.includes(n)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** csv for .csv, ndjson for .ndjson / .jsonl / .json (one object per line), else undefined. */
export function formatOfFileName(name: string): FeedFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json')) return 'ndjson';
  return undefined;
}

// --- the import report --------------------------------------------------------------------------

/** Counts every row and lists the first MAX_REPORTED_ROWS rejected ones, so a report stays small. */
export class ImportReportBuilder<F extends FeedKind> {
  private accepted = 0;
  private rejected = 0;
  private readonly rejectedRows: ImportReport['rejectedRows'] = [];
  private fileError: ImportReport['fileError'];

  constructor(
    readonly feed: F,
    readonly dryRun: boolean,
  ) {}

  add(result: FeedRowResult<F>): void {
    if ('ok' in result) {
      this.accepted++;
      return;
    }
    this.rejected++;
    if (this.rejectedRows.length < MAX_REPORTED_ROWS) this.rejectedRows.push({ line: result.line, errors: result.errors });
  }

  failFile(err: FeedFileError): void {
    this.fileError = { line: err.line, message: err.message };
  }

  get acceptedRows(): number {
    return this.accepted;
  }

  /** Every row accepted and the file read to its end: the only case in which an import may apply. */
  get clean(): boolean {
    return this.rejected === 0 && this.fileError === undefined;
  }

  report(applied: boolean): ImportReport {
    if (applied && (this.dryRun || !this.clean)) throw new Error('a dry run or a file with rejected rows is never applied');
    const { feed, dryRun, accepted, rejected, rejectedRows, fileError } = this;
    return { feed, dryRun, applied, accepted, rejected, rejectedRows: [...rejectedRows], ...(fileError ? { fileError } : {}) };
  }
}

// --- templates ----------------------------------------------------------------------------------

export type TemplateHeader = 'zh-CN' | 'en' | 'key';

/**
 * Header plus one example row, from the schema itself. The BOM is there because Excel reads a CSV
 * without one in the system code page (GBK on Chinese Windows) and garbles every title.
 */
export function templateCsv(feed: FeedKind, header: TemplateHeader = 'zh-CN'): string {
  const columns = feedColumns(feed);
  const titles = columns.map((c) => (header === 'key' ? c.key : c.title[header]));
  return `\uFEFF${stringify([titles, columns.map((c) => c.example)], { record_delimiter: '\r\n' })}`;
}

export function templateNdjson(feed: FeedKind): string {
  return `${JSON.stringify(Object.fromEntries(feedColumns(feed).map((c) => [c.key, c.example])))}\n`;
}

// --- OpenAPI ------------------------------------------------------------------------------------

const ErrorBodySchema = v.strictObject({
  error: v.strictObject({
    code: v.picklist(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    message: v.string(),
    retryAfterSec: v.optional(v.number()),
  }),
});

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect); checks beyond it are described in the schema's text. */
function jsonSchema(schema: v.GenericSchema): JsonSchema {
  const { $schema: _, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', ignoreActions: ['check'] });
  return rest;
}

const ROW_SCHEMA_NAMES: Record<FeedKind, string> = { 'test-results': 'TestResultRow', 'key-population': 'KeyPopulationRow', 'national-state': 'NationalStateRow' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('ErrorBody') } } });

function feedOperation(feed: FeedKind) {
  const columns = feedColumns(feed)
    .map((c) => `${c.key}${c.required ? '' : ' (optional)'}`)
    .join(', ');
  return {
    post: {
      operationId: `import-${feed}`,
      summary: `Import a ${feed} feed`,
      description:
        'Every row is validated; the report lists each rejected line and field. The import applies only when every row is ' +
        'accepted: a file with one bad row changes nothing. With dryRun=true nothing is applied either way.',
      security: [{ feedToken: [] }],
      parameters: [{ $ref: '#/components/parameters/dryRun' }],
      requestBody: {
        required: true,
        content: {
          [FEED_MEDIA_TYPES.csv]: {
            schema: { type: 'string', description: `UTF-8 (a BOM is allowed). A header row naming the columns (${columns}) by key, English or zh-CN title, then one row per line.` },
            example: templateCsv(feed, 'key'),
          },
          [FEED_MEDIA_TYPES.ndjson]: {
            schema: { ...ref(ROW_SCHEMA_NAMES[feed]), description: 'Newline-delimited JSON: each line is one object of this schema.' },
            example: templateNdjson(feed),
          },
        },
      },
      responses: {
        '200': { description: 'Applied, or a dry run in which every row was accepted.', content: { 'application/json': { schema: ref('ImportReport') } } },
        '422': { description: 'Rows were rejected or the file could not be read: nothing was applied.', content: { 'application/json': { schema: ref('ImportReport') } } },
        '401': errorResponse('No token, or one that is not valid.'),
        '403': errorResponse('The token belongs to a feed source that may not post this feed.'),
        '413': errorResponse('The file is larger than the server accepts.'),
        '415': errorResponse('Neither text/csv nor application/x-ndjson.'),
      },
    },
  };
}

/** The OpenAPI 3.1 document for `POST /api/feeds/<feed>`, with the row schemas the validator uses. */
export function feedOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'healthgate status feeds',
      version: '1',
      description:
        'How laboratories and disease-control systems send test results and key-population lists to the health authority, and how the national platform sends the health states it gives people.',
    },
    paths: Object.fromEntries(FEED_KINDS.map((feed) => [`/api/feeds/${feed}`, feedOperation(feed)])),
    components: {
      securitySchemes: {
        feedToken: { type: 'http', scheme: 'bearer', description: 'One token per feed source, issued by the health authority; it names the feeds the source may post.' },
      },
      parameters: {
        dryRun: { name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean', default: false }, description: 'Validate and report without applying anything.' },
      },
      schemas: {
        ...Object.fromEntries(FEED_KINDS.map((feed) => [ROW_SCHEMA_NAMES[feed], jsonSchema(FEEDS[feed].row)])),
        ImportReport: jsonSchema(ImportReportSchema),
        ErrorBody: jsonSchema(ErrorBodySchema),
      },
    },
  };
}
