// The rows the health authority's feeds bring in (test results, key-population lists): type,
// validator and column metadata in one schema, so the importer, the CSV template and the OpenAPI
// document are all generated from the same definition and cannot drift apart.

import * as v from 'valibot';
import { NATIONAL_STATES } from './national.js';

/**
 * The same list as `DOCUMENT_TYPES` in `shared/documents.ts` (written in parallel): import it from
 * there once both are merged, so a new document type reaches the feeds without a second edit.
 */
export const FEED_DOCUMENT_TYPES = ['mainland-id', 'hk-macau-permit', 'taiwan-permit', 'passport'] as const;
export type FeedDocumentType = (typeof FEED_DOCUMENT_TYPES)[number];

export const TEST_KINDS = ['nucleic-acid', 'antibody'] as const;
export type TestKind = (typeof TEST_KINDS)[number];
export const TEST_RESULTS = ['positive', 'negative'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

export const KEY_POPULATION_CATEGORIES = [
  'confirmed-case',
  'suspected-case',
  'close-contact',
  'other-province-red',
  'other-province-yellow',
  'centralised-quarantine',
  'home-quarantine',
] as const;
export type KeyPopulationCategory = (typeof KEY_POPULATION_CATEGORIES)[number];

export const FEED_KINDS = ['test-results', 'key-population', 'national-state'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/**
 * What clears a positive result: this many negative results of this kind, sampled after the latest
 * positive, the first and last at least this far apart. Here rather than in the server's rules so
 * the holder's guidance quotes the very numbers the rules apply.
 */
export const CLEARING_RULE = { testKind: 'nucleic-acid', negativeResults: 2, minGapHours: 24 } as const satisfies {
  testKind: TestKind;
  negativeResults: number;
  minGapHours: number;
};

export const MAX_INSTITUTION_LENGTH = 100;
export const MAX_SOURCE_NOTE_LENGTH = 200;

/** Why a field or row was refused: stable codes, translated by FEED_PROBLEM_TEXT. */
export const FEED_PROBLEMS = [
  'required',
  'unknown-field',
  'duplicate-field',
  'wrong-type',
  'not-in-list',
  'too-long',
  'bad-text',
  'bad-document-number',
  'bad-date',
  'bad-date-time',
  'reported-before-sampled',
  'ends-before-start',
  'wrong-column-count',
  'not-json-object',
  'bad-json',
  'not-utf8',
  'line-too-long',
] as const;
export type FeedProblem = (typeof FEED_PROBLEMS)[number];

export const FEED_PROBLEM_TEXT: Record<FeedProblem, { 'zh-CN': string; en: string }> = {
  required: { 'zh-CN': '必填项为空或缺失', en: 'required, but empty or missing' },
  'unknown-field': { 'zh-CN': '不认识的字段（请对照模板）', en: 'unknown field (compare with the template)' },
  'duplicate-field': { 'zh-CN': '同一字段出现了两次', en: 'the same field appears twice' },
  'wrong-type': { 'zh-CN': '应为文本', en: 'must be text' },
  'not-in-list': { 'zh-CN': '不是允许的取值之一（请对照模板）', en: 'not one of the allowed values (see the template)' },
  'too-long': { 'zh-CN': '内容过长', en: 'too long' },
  'bad-text': {
    'zh-CN': '含有控制字符、无效字符或首尾空格',
    en: 'contains control characters, invalid characters or leading/trailing spaces',
  },
  'bad-document-number': { 'zh-CN': '证件号码格式不正确', en: 'not a valid document number' },
  'bad-date': { 'zh-CN': '应为真实存在的日期，格式 2022-05-03', en: 'must be a real date written as 2022-05-03' },
  'bad-date-time': {
    'zh-CN': '应为带时区的真实时间，格式 2022-05-03T09:30:00+08:00',
    en: 'must be a real time with its UTC offset, written as 2022-05-03T09:30:00+08:00',
  },
  'reported-before-sampled': { 'zh-CN': '报告时间早于采样时间', en: 'reported before it was sampled' },
  'ends-before-start': { 'zh-CN': '结束日期早于开始日期', en: 'ends before it starts' },
  'wrong-column-count': { 'zh-CN': '本行的列数与表头不一致', en: 'this line has a different number of columns from the header' },
  'not-json-object': { 'zh-CN': '本行应为一个 JSON 对象', en: 'this line must be one JSON object' },
  'bad-json': { 'zh-CN': '本行不是有效的 JSON', en: 'this line is not valid JSON' },
  'not-utf8': { 'zh-CN': '不是 UTF-8 编码（请另存为“CSV UTF-8”）', en: 'not UTF-8 encoded (save as "CSV UTF-8")' },
  'line-too-long': { 'zh-CN': '本行过长', en: 'this line is too long' },
};

// --- text, dates, times -------------------------------------------------------------------------

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0/C1 controls and the Unicode line/paragraph separators: a one-line field never needs them, and
// they are how a cell smuggles a line break or a terminal escape into a report.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** Well-formed UTF-16 (so it encodes to UTF-8 losslessly), one line, no surrounding spaces. */
export function isCleanText(s: string): boolean {
  return !LONE_SURROGATE.test(s) && !CONTROL.test(s) && s.trim() === s;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const MIN_YEAR = 1900;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date round trip: a million-row import calls this several times a row.
function realDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

/** Midnight UTC of a `YYYY-MM-DD` that exists on the calendar, else undefined. */
export function parseIsoDate(s: string): number | undefined {
  const m = DATE.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return realDay(y, mo, d) ? Date.UTC(y, mo - 1, d) : undefined;
}

/**
 * Epoch ms of an ISO 8601 date-time that names its offset (`Z` or `±hh:mm`), else undefined.
 * A time without an offset is refused: the same wall-clock time means different instants in
 * different feeds' systems, and guessing would move a result across a clearing boundary.
 */
export function parseOffsetDateTime(s: string): number | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (!realDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return undefined;
  const offH = m[9] === undefined ? 0 : Number(m[9]);
  const offM = m[10] === undefined ? 0 : Number(m[10]);
  if (offH > 14 || offM > 59) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offH * 60 + offM);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offset) * 60_000 + sec * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): Date.UTC, minus its cost. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The instant a local calendar day starts, for a zone at a fixed offset east of UTC. */
export function localDayStart(date: string, tzOffsetMinutes: number): number {
  const utcMidnight = parseIsoDate(date);
  if (utcMidnight === undefined) throw new RangeError(`not a date: ${date}`);
  return utcMidnight - tzOffsetMinutes * 60_000;
}

// --- the document number hook -------------------------------------------------------------------

const INTERIM_DOCUMENT_NUMBER = /^[A-Z0-9]{5,18}$/;

/**
 * THE HOOK for `shared/documents.ts`: replace the body with its full per-type check (check digits,
 * birth dates, permit formats) once it is merged. Until then every type gets the interim shape
 * rule. Returns true when the number is acceptable for its type.
 */
export function feedDocumentNumberValid(_type: FeedDocumentType, number: string): boolean {
  return INTERIM_DOCUMENT_NUMBER.test(number);
}

// --- column schemas -----------------------------------------------------------------------------

/** Column metadata: English title (`title`), zh-CN title, one example; read by templates and OpenAPI. */
export interface ColumnMeta {
  title: string;
  'x-title-zh-CN': string;
  examples: [string];
  description?: string;
  [k: string]: unknown;
}

const column = <S extends v.GenericSchema<unknown, string>>(schema: S, meta: ColumnMeta) => v.pipe(schema, v.metadata(meta));

const text = (max: number) =>
  v.pipe(v.string('wrong-type'), v.minLength(1, 'required'), v.maxLength(max, 'too-long'), v.check(isCleanText, 'bad-text'));
const isoDate = () => v.pipe(v.string('wrong-type'), v.minLength(1, 'required'), v.isoDate('bad-date'), v.check((s) => parseIsoDate(s) !== undefined, 'bad-date'));
const offsetDateTime = () =>
  v.pipe(v.string('wrong-type'), v.minLength(1, 'required'), v.check((s) => parseOffsetDateTime(s) !== undefined, 'bad-date-time'));

// Missing and unknown keys both arrive as a strict_object issue; tell them apart for the report.
const strictMessage = (issue: v.StrictObjectIssue): string =>
  issue.expected === 'never' ? 'unknown-field' : issue.received === 'undefined' ? 'required' : 'not-json-object';

const documentColumns = {
  documentType: column(v.picklist(FEED_DOCUMENT_TYPES, 'not-in-list'), {
    title: 'Document type',
    'x-title-zh-CN': '证件类型',
    examples: ['mainland-id'],
    description: FEED_DOCUMENT_TYPES.join(' | '),
  }),
  documentNumber: column(v.pipe(v.string('wrong-type'), v.minLength(1, 'required'), v.regex(INTERIM_DOCUMENT_NUMBER, 'bad-document-number')), {
    title: 'Document number',
    'x-title-zh-CN': '证件号码',
    // GB 11643-1999's own sample number, not a person's.
    examples: ['11010519491231002X'],
    description: 'Upper-case letters and digits as printed on the document; checked per document type.',
  }),
};

export const TestResultFields = v.strictObject(
  {
    ...documentColumns,
    testKind: column(v.picklist(TEST_KINDS, 'not-in-list'), { title: 'Test kind', 'x-title-zh-CN': '检测类型', examples: ['nucleic-acid'], description: TEST_KINDS.join(' | ') }),
    result: column(v.picklist(TEST_RESULTS, 'not-in-list'), { title: 'Result', 'x-title-zh-CN': '检测结果', examples: ['negative'], description: TEST_RESULTS.join(' | ') }),
    institution: column(text(MAX_INSTITUTION_LENGTH), { title: 'Testing institution', 'x-title-zh-CN': '检测机构', examples: ['广州市第一人民医院'] }),
    sampledAt: column(offsetDateTime(), {
      title: 'Sampled at',
      'x-title-zh-CN': '采样时间',
      examples: ['2022-05-03T09:30:00+08:00'],
      description: 'ISO 8601 date-time with its UTC offset.',
      format: 'date-time',
    }),
    reportedAt: column(offsetDateTime(), {
      title: 'Reported at',
      'x-title-zh-CN': '报告时间',
      examples: ['2022-05-03T21:10:00+08:00'],
      description: 'ISO 8601 date-time with its UTC offset; not before the sampling time.',
      format: 'date-time',
    }),
  },
  strictMessage,
);

export const TestResultRowSchema = v.pipe(
  TestResultFields,
  v.description('One test result. Also checked: the time exists, reportedAt is not before sampledAt, the document number passes its type\'s check.'),
  v.forward(
    v.check((r) => feedDocumentNumberValid(r.documentType, r.documentNumber), 'bad-document-number'),
    ['documentNumber'],
  ),
  v.forward(
    v.check((r) => parseOffsetDateTime(r.reportedAt)! >= parseOffsetDateTime(r.sampledAt)!, 'reported-before-sampled'),
    ['reportedAt'],
  ),
);
export type TestResultRow = v.InferOutput<typeof TestResultRowSchema>;

export const KeyPopulationFields = v.strictObject(
  {
    ...documentColumns,
    category: column(v.picklist(KEY_POPULATION_CATEGORIES, 'not-in-list'), {
      title: 'Category',
      'x-title-zh-CN': '人员类别',
      examples: ['close-contact'],
      description: KEY_POPULATION_CATEGORIES.join(' | '),
    }),
    startDate: column(isoDate(), { title: 'Start date', 'x-title-zh-CN': '开始日期', examples: ['2022-05-01'], description: 'First day, local calendar date.' }),
    endDate: v.optional(
      column(isoDate(), {
        title: 'End date',
        'x-title-zh-CN': '结束日期',
        examples: ['2022-05-14'],
        description: 'Last day, inclusive; leave empty (CSV) or out (JSON) while open-ended.',
      }),
    ),
    sourceNote: column(text(MAX_SOURCE_NOTE_LENGTH), {
      title: 'Source',
      'x-title-zh-CN': '来源说明',
      examples: ['广州市疾控中心 流调 2022-05-01'],
      description: 'Who listed the person and on what basis: every red code must be traceable.',
    }),
  },
  strictMessage,
);

export const KeyPopulationRowSchema = v.pipe(
  KeyPopulationFields,
  v.description('One key-population entry. Also checked: both dates exist, endDate is not before startDate, the document number passes its type\'s check.'),
  v.forward(
    v.check((r) => feedDocumentNumberValid(r.documentType, r.documentNumber), 'bad-document-number'),
    ['documentNumber'],
  ),
  v.forward(
    v.check((r) => r.endDate === undefined || parseIsoDate(r.endDate)! >= parseIsoDate(r.startDate)!, 'ends-before-start'),
    ['endDate'],
  ),
);
export type KeyPopulationRow = v.InferOutput<typeof KeyPopulationRowSchema>;

export const NationalStateFields = v.strictObject(
  {
    ...documentColumns,
    state: column(v.picklist(NATIONAL_STATES, 'not-in-list'), {
      title: 'National health state',
      'x-title-zh-CN': '全国健康码状态',
      examples: ['green'],
      description: NATIONAL_STATES.join(' | '),
    }),
    asOf: column(offsetDateTime(), {
      title: 'As of',
      'x-title-zh-CN': '状态时间',
      examples: ['2022-05-03T08:00:00+08:00'],
      description: 'When the national platform gave this state: ISO 8601 date-time with its UTC offset. The latest one per person counts.',
      format: 'date-time',
    }),
  },
  strictMessage,
);

export const NationalStateRowSchema = v.pipe(
  NationalStateFields,
  v.description('The health state the national platform gives a person. It never changes the local code: a disagreement is shown to the person with an explanation.'),
  v.forward(
    v.check((r) => feedDocumentNumberValid(r.documentType, r.documentNumber), 'bad-document-number'),
    ['documentNumber'],
  ),
);
export type NationalStateRow = v.InferOutput<typeof NationalStateRowSchema>;

export const FEEDS = {
  'test-results': { fields: TestResultFields, row: TestResultRowSchema },
  'key-population': { fields: KeyPopulationFields, row: KeyPopulationRowSchema },
  'national-state': { fields: NationalStateFields, row: NationalStateRowSchema },
} as const;
export type FeedRow<F extends FeedKind> = v.InferOutput<(typeof FEEDS)[F]['row']>;

export interface FeedColumn {
  key: string;
  title: { 'zh-CN': string; en: string };
  example: string;
  required: boolean;
}

/** The columns of a feed, in schema order, with their titles and example: what a template shows. */
export function feedColumns(feed: FeedKind): FeedColumn[] {
  const entries: Record<string, v.GenericSchema> = FEEDS[feed].fields.entries;
  return Object.entries(entries).map(([key, schema]) => {
    const required = schema.type !== 'optional';
    const inner = (required ? schema : (schema as v.OptionalSchema<v.GenericSchema, undefined>).wrapped) as Parameters<typeof v.getMetadata>[0];
    const meta = v.getMetadata(inner) as Partial<ColumnMeta>;
    if (!meta.title || !meta['x-title-zh-CN'] || !meta.examples) throw new Error(`column ${feed}.${key} has no metadata`);
    return { key, title: { 'zh-CN': meta['x-title-zh-CN'], en: meta.title }, example: meta.examples[0], required };
  });
}

// --- validation results -------------------------------------------------------------------------

export interface FieldError {
  /** A column key, or `(row)` for a problem with the whole line. */
  field: string;
  problem: FeedProblem;
  /** English, for the CLI and API callers; the console translates `problem`. */
  message: string;
}

export type RowResult<R> = { line: number; ok: R } | { line: number; errors: FieldError[] };

export const ROW = '(row)';

export const fieldError = (field: string, problem: FeedProblem): FieldError => ({ field, problem, message: FEED_PROBLEM_TEXT[problem].en });

/** Validates one row object; every problem in it is reported, not only the first. */
export function validateFeedRow<F extends FeedKind>(feed: F, line: number, input: unknown): RowResult<FeedRow<F>> {
  // One problem per field (the first), but every field: a clerk fixes a line in one go.
  const result = v.safeParse(FEEDS[feed].row, input, { abortPipeEarly: true });
  if (result.success) return { line, ok: result.output as FeedRow<F> };
  const errors = result.issues.map((issue) => {
    const key = issue.path?.[0]?.key;
    const problem = (FEED_PROBLEMS as readonly string[]).includes(issue.message) ? (issue.message as FeedProblem) : 'wrong-type';
    return fieldError(typeof key === 'string' ? key : ROW, problem);
  });
  return { line, errors };
}

// --- the import report --------------------------------------------------------------------------

/** At most this many rejected rows are listed; the counts always cover the whole file. */
export const MAX_REPORTED_ROWS = 1000;

const FieldErrorSchema = v.strictObject({ field: v.string(), problem: v.picklist(FEED_PROBLEMS), message: v.string() });

export const ImportReportSchema = v.strictObject({
  feed: v.picklist(FEED_KINDS),
  dryRun: v.boolean(),
  /** True only when every row was accepted and the import was written. */
  applied: v.boolean(),
  accepted: v.pipe(v.number(), v.integer(), v.minValue(0)),
  rejected: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The first MAX_REPORTED_ROWS rejected lines, in file order. */
  rejectedRows: v.pipe(
    v.array(v.strictObject({ line: v.pipe(v.number(), v.integer(), v.minValue(1)), errors: v.array(FieldErrorSchema) })),
    v.maxLength(MAX_REPORTED_ROWS),
  ),
  /** A problem with the whole file (not UTF-8, bad header, broken quoting): nothing was read past it. */
  fileError: v.optional(v.strictObject({ line: v.pipe(v.number(), v.integer(), v.minValue(0)), message: v.string() })),
});
export type ImportReport = v.InferOutput<typeof ImportReportSchema>;
