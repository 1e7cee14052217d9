import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  FEED_KINDS,
  FEED_PROBLEM_TEXT,
  FEED_PROBLEMS,
  feedColumns,
  ImportReportSchema,
  isCleanText,
  localDayStart,
  MAX_INSTITUTION_LENGTH,
  parseIsoDate,
  parseOffsetDateTime,
  validateFeedRow,
  type FeedKind,
} from './feeds.js';

const exampleRow = (feed: FeedKind): Record<string, string> => Object.fromEntries(feedColumns(feed).map((c) => [c.key, c.example]));

const testResult = (over: Record<string, unknown> = {}) => ({ ...exampleRow('test-results'), ...over });
const keyPopulation = (over: Record<string, unknown> = {}) => ({ ...exampleRow('key-population'), ...over });

/** The [field, problem] pairs a row is refused for, or 'ok'. */
function problems(feed: FeedKind, row: unknown): 'ok' | [string, string][] {
  const r = validateFeedRow(feed, 1, row);
  return 'ok' in r ? 'ok' : r.errors.map((e) => [e.field, e.problem]);
}

describe('feed row schemas', () => {
  it('give every column both titles and an example, and the examples make a valid row', () => {
    for (const feed of FEED_KINDS) {
      const columns = feedColumns(feed);
      expect(columns.length).toBeGreaterThanOrEqual(4);
      for (const c of columns) {
        expect(c.title['zh-CN'], c.key).toMatch(/[\u4E00-\u9FFF]/);
        expect(c.title.en, c.key).toMatch(/^[A-Z][a-z ]+$/);
      }
      expect(problems(feed, exampleRow(feed)), feed).toBe('ok');
    }
    expect(feedColumns('key-population').find((c) => c.key === 'endDate')?.required).toBe(false);
    expect(feedColumns('test-results').every((c) => c.required)).toBe(true);
  });

  it.each([
    ['an unknown field', testResult({ ward: '3' }), [['ward', 'unknown-field']]],
    ['a missing field', (({ institution: _, ...rest }) => rest)(testResult()), [['institution', 'required']]],
    ['an empty field', testResult({ institution: '' }), [['institution', 'required']]],
    ['a number instead of text', testResult({ institution: 7 }), [['institution', 'wrong-type']]],
    ['a value not in the list', testResult({ testKind: 'antigen' }), [['testKind', 'not-in-list']]],
    ['a lone surrogate', testResult({ institution: 'Lab \uD800' }), [['institution', 'bad-text']]],
    ['a line break', testResult({ institution: 'Lab\nB' }), [['institution', 'bad-text']]],
    ['surrounding spaces', testResult({ institution: ' Lab' }), [['institution', 'bad-text']]],
    ['an over-long field', testResult({ institution: 'x'.repeat(MAX_INSTITUTION_LENGTH + 1) }), [['institution', 'too-long']]],
    ['a lower-case document number', testResult({ documentNumber: 'e1234567' }), [['documentNumber', 'bad-document-number']]],
    ['a too short document number', testResult({ documentNumber: 'E123' }), [['documentNumber', 'bad-document-number']]],
    ['a time without offset', testResult({ sampledAt: '2022-05-03T09:30:00' }), [['sampledAt', 'bad-date-time']]],
    ['a day that does not exist', testResult({ sampledAt: '2022-02-29T09:30:00+08:00' }), [['sampledAt', 'bad-date-time']]],
    ['a report before the sample', testResult({ reportedAt: '2022-05-03T09:29:59+08:00' }), [['reportedAt', 'reported-before-sampled']]],
    ['several bad fields at once', testResult({ result: 'unclear', institution: '' }), [['result', 'not-in-list'], ['institution', 'required']]],
  ])('refuse a test result with %s', (_, row, expected) => {
    expect(problems('test-results', row)).toEqual(expected);
  });

  it.each([
    ['open-ended (no end date)', (({ endDate: _, ...rest }) => rest)(keyPopulation()), 'ok'],
    ['ending the day it starts', keyPopulation({ startDate: '2022-05-01', endDate: '2022-05-01' }), 'ok'],
    ['on a leap day', keyPopulation({ startDate: '2024-02-29', endDate: '2024-03-13' }), 'ok'],
    ['ending before it starts', keyPopulation({ startDate: '2022-05-02', endDate: '2022-05-01' }), [['endDate', 'ends-before-start']]],
    ['a non-leap 29 February', keyPopulation({ startDate: '2023-02-29' }), [['startDate', 'bad-date']]],
    ['month 13', keyPopulation({ endDate: '2022-13-01' }), [['endDate', 'bad-date']]],
    ['a date with a time', keyPopulation({ startDate: '2022-05-01T00:00:00Z' }), [['startDate', 'bad-date']]],
    ['an unknown category', keyPopulation({ category: 'tourist' }), [['category', 'not-in-list']]],
    ['no source note', keyPopulation({ sourceNote: '' }), [['sourceNote', 'required']]],
  ])('key-population entry %s', (_, row, expected) => {
    expect(problems('key-population', row)).toEqual(expected);
  });

  it('refuse anything that is not an object', () => {
    expect(problems('test-results', null)).toEqual([['(row)', 'not-json-object']]);
    expect(problems('test-results', 'a,b,c')).toEqual([['(row)', 'not-json-object']]);
  });

  it('report messages in both languages for every problem', () => {
    for (const p of FEED_PROBLEMS) {
      expect(FEED_PROBLEM_TEXT[p]['zh-CN'], p).toMatch(/[\u4E00-\u9FFF]/);
      expect(FEED_PROBLEM_TEXT[p].en, p).toMatch(/^[a-z]/);
    }
    const r = validateFeedRow('test-results', 9, testResult({ testKind: 'x' }));
    expect(r).toEqual({ line: 9, errors: [{ field: 'testKind', problem: 'not-in-list', message: FEED_PROBLEM_TEXT['not-in-list'].en }] });
  });

  it('describe an import report that the schema accepts', () => {
    const report = { feed: 'test-results', dryRun: true, applied: false, accepted: 2, rejected: 1, rejectedRows: [{ line: 3, errors: [] }] };
    expect(v.is(ImportReportSchema, report)).toBe(true);
    expect(v.is(ImportReportSchema, { ...report, extra: 1 })).toBe(false);
  });
});

describe('dates and times', () => {
  it.each([
    ['2022-05-03T09:30:00+08:00', Date.UTC(2022, 4, 3, 1, 30)],
    ['2022-05-03T01:30:00Z', Date.UTC(2022, 4, 3, 1, 30)],
    ['2022-05-03T01:30Z', Date.UTC(2022, 4, 3, 1, 30)],
    ['2022-05-02T20:30:00.250-05:00', Date.UTC(2022, 4, 3, 1, 30, 0, 250)],
    ['2024-02-29T23:59:59+14:00', Date.UTC(2024, 1, 29, 9, 59, 59)],
  ])('read %s as the right instant', (text, instant) => {
    expect(parseOffsetDateTime(text)).toBe(instant);
  });

  it.each(['2022-05-03 09:30:00+08:00', '2022-05-03T24:00:00Z', '2022-05-03T09:60:00Z', '2022-05-03T09:30:00+15:00', '2022-04-31T09:30:00Z', '1899-12-31T00:00:00Z', '2022-05-03T09:30:00z'])(
    'refuse %s',
    (text) => {
      expect(parseOffsetDateTime(text)).toBeUndefined();
    },
  );

  it('know which days exist', () => {
    expect(parseIsoDate('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2022-5-3')).toBeUndefined();
  });

  it('start a local day at local midnight', () => {
    expect(localDayStart('2022-05-03', 480)).toBe(Date.UTC(2022, 4, 2, 16));
    expect(localDayStart('2022-05-03', 0)).toBe(Date.UTC(2022, 4, 3));
    expect(() => localDayStart('2022-02-30', 480)).toThrow(RangeError);
  });

  it('tell clean text from text with hidden problems', () => {
    expect(isCleanText('广州市第一人民医院 😷')).toBe(true);
    expect(isCleanText('\uDE37 alone')).toBe(false);
    expect(isCleanText('tab\there')).toBe(false);
    expect(isCleanText('trailing ')).toBe(false);
  });
});

describe('time arithmetic', () => {
  it('agrees with Date.UTC on every day from 1900 to 2200, at a few times of day and offsets', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    for (let day = Date.UTC(1900, 0, 1); day < Date.UTC(2200, 0, 1); day += 86_400_000) {
      const d = new Date(day);
      const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      expect(parseIsoDate(date)).toBe(day);
      if (d.getUTCDate() % 7 === 0) {
        expect(parseOffsetDateTime(`${date}T13:07:59.5+08:00`), date).toBe(day + 13 * 3600_000 + 7 * 60_000 + 59_500 - 8 * 3600_000);
        expect(parseOffsetDateTime(`${date}T00:00Z`), date).toBe(day);
      }
    }
  });
});
