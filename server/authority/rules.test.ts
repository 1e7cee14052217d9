import { describe, expect, it } from 'vitest';
import { KEY_POPULATION_CATEGORIES, parseOffsetDateTime, type KeyPopulationCategory, type TestKind, type TestResult } from '../../shared/feeds.js';
import {
  CATEGORY_REASON,
  decideStatus,
  keyPopulationFactFromRow,
  NATIONAL_STATE_MAX_AGE_MS,
  nationalDisagreement,
  nationalView,
  RED_LIST_CLOCK_MARGIN_MS,
  REASON_SEVERITY,
  redListEntryExpiry,
  testFactFromRow,
  type KeyPopulationFact,
  type PersonFacts,
  type StatusDecision,
  type TestFact,
} from './rules.js';
import type { NationalDisagreement, NationalState } from '../../shared/national.js';

const CST = 480; // China Standard Time, UTC+08:00
const H = 3600_000;
/** An instant written as local (+08:00) wall-clock time. */
const t = (local: string): number => parseOffsetDateTime(`${local}+08:00`)!;
const test = (kind: TestKind, result: TestResult, sampled: string, reported: string): TestFact => ({ kind, result, sampledAt: t(sampled), reportedAt: t(reported) });
const nat = (result: TestResult, sampled: string, reported: string) => test('nucleic-acid', result, sampled, reported);
const entry = (category: KeyPopulationCategory, startDate: string, endDate?: string): KeyPopulationFact => ({ category, startDate, endDate });

const NOW = '2022-05-10T12:00';
const POSITIVE = nat('positive', '2022-05-01T09:00', '2022-05-01T20:00');

interface Scenario {
  name: string;
  tests?: TestFact[];
  entries?: KeyPopulationFact[];
  at?: string;
  tz?: number;
  expect: StatusDecision;
}

const green: StatusDecision = { status: 'green', reason: 'none' };

const scenarios: Scenario[] = [
  { name: 'no facts at all', expect: green },
  { name: 'an open-ended close-contact entry', entries: [entry('close-contact', '2022-05-09')], expect: { status: 'red', reason: 'close-contact' } },
  {
    name: 'home quarantine whose last day is today',
    entries: [entry('home-quarantine', '2022-05-03', '2022-05-10')],
    expect: { status: 'red', reason: 'home-quarantine', until: t('2022-05-11T00:00') },
  },
  { name: 'an entry ending exactly now', entries: [entry('home-quarantine', '2022-05-03', '2022-05-09')], at: '2022-05-10T00:00', expect: green },
  {
    name: 'an entry one millisecond before it ends',
    entries: [entry('home-quarantine', '2022-05-03', '2022-05-09')],
    at: '2022-05-09T23:59:59.999',
    expect: { status: 'red', reason: 'home-quarantine', until: t('2022-05-10T00:00') },
  },
  { name: 'an entry starting tomorrow', entries: [entry('centralised-quarantine', '2022-05-11', '2022-05-17')], expect: { ...green, until: t('2022-05-11T00:00') } },
  {
    name: 'an entry starting exactly now',
    entries: [entry('centralised-quarantine', '2022-05-10', '2022-05-17')],
    at: '2022-05-10T00:00',
    expect: { status: 'red', reason: 'centralised-quarantine', until: t('2022-05-18T00:00') },
  },
  {
    name: 'the day read in UTC+08:00: 17:00 UTC is already the next day',
    entries: [entry('home-quarantine', '2022-05-03', '2022-05-09')],
    at: '2022-05-10T01:00',
    expect: green,
  },
  {
    name: 'the same instant read in UTC: still the last day',
    entries: [entry('home-quarantine', '2022-05-03', '2022-05-09')],
    at: '2022-05-10T01:00',
    tz: 0,
    expect: { status: 'red', reason: 'home-quarantine', until: Date.UTC(2022, 4, 10) },
  },
  {
    name: 'the most serious of two open entries',
    entries: [entry('home-quarantine', '2022-05-01'), entry('confirmed-case', '2022-05-08')],
    expect: { status: 'red', reason: 'confirmed-case' },
  },
  {
    name: 'a lesser reason takes over when the greater one ends',
    entries: [entry('confirmed-case', '2022-05-01', '2022-05-10'), entry('home-quarantine', '2022-05-01', '2022-05-17')],
    expect: { status: 'red', reason: 'confirmed-case', until: t('2022-05-11T00:00') },
  },
  {
    name: 'back-to-back entries keep the code red through the hand-over',
    entries: [entry('centralised-quarantine', '2022-05-01', '2022-05-10'), entry('centralised-quarantine', '2022-05-11', '2022-05-13')],
    expect: { status: 'red', reason: 'centralised-quarantine', until: t('2022-05-14T00:00') },
  },
  {
    name: 'red from another province outranks yellow',
    entries: [entry('other-province-yellow', '2022-05-01'), entry('other-province-red', '2022-05-02')],
    expect: { status: 'red', reason: 'other-province-red' },
  },
  { name: 'a reported positive result', tests: [POSITIVE], expect: { status: 'red', reason: 'positive-test' } },
  {
    name: 'a positive result sampled but not yet reported',
    tests: [nat('positive', '2022-05-10T09:00', '2022-05-10T20:00')],
    expect: { ...green, until: t('2022-05-10T20:00') },
  },
  {
    name: 'a positive cleared by two negatives 24 h apart',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00')],
    expect: green,
  },
  {
    name: 'the clearing negative reported exactly now',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', NOW)],
    expect: green,
  },
  {
    name: 'two negatives a minute short of 24 h apart',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T08:59', '2022-05-09T18:00')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'results given out of order',
    tests: [nat('negative', '2022-05-09T09:00', '2022-05-09T18:00'), POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00')],
    expect: green,
  },
  {
    name: 'a negative sampled before the positive, reported after it',
    tests: [POSITIVE, nat('negative', '2022-04-30T09:00', '2022-05-09T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'a negative sampled at the same moment as the positive',
    tests: [POSITIVE, nat('negative', '2022-05-01T09:00', '2022-05-01T20:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'antibody negatives do not clear a positive nucleic-acid result',
    tests: [POSITIVE, test('antibody', 'negative', '2022-05-08T09:00', '2022-05-08T18:00'), test('antibody', 'negative', '2022-05-09T09:00', '2022-05-09T18:00')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'a positive antibody result turns the code red too',
    tests: [test('antibody', 'positive', '2022-05-09T09:00', '2022-05-09T12:00')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'a positive antibody result is cleared by nucleic-acid negatives',
    tests: [test('antibody', 'positive', '2022-05-07T09:00', '2022-05-07T12:00'), nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00')],
    expect: green,
  },
  {
    name: 'a later positive after clearing',
    tests: [
      POSITIVE,
      nat('negative', '2022-05-03T09:00', '2022-05-03T18:00'),
      nat('negative', '2022-05-04T09:00', '2022-05-04T18:00'),
      nat('positive', '2022-05-09T09:00', '2022-05-09T18:00'),
    ],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'a late report of a positive sampled between the clearing negatives',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00'), nat('positive', '2022-05-08T20:00', '2022-05-10T08:00')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'a late report of a positive sampled before the clearing negatives',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00'), nat('positive', '2022-05-07T09:00', '2022-05-10T08:00')],
    expect: green,
  },
  {
    name: 'a clearing negative reported later today',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-10T09:00', '2022-05-10T18:00')],
    expect: { status: 'red', reason: 'positive-test', until: t('2022-05-10T18:00') },
  },
  {
    name: 'a positive outranks home quarantine, and outlasts its end',
    tests: [POSITIVE],
    entries: [entry('home-quarantine', '2022-05-01', '2022-05-10')],
    expect: { status: 'red', reason: 'positive-test' },
  },
  {
    name: 'quarantine ends while a positive result is cleared: green from the end',
    tests: [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00')],
    entries: [entry('home-quarantine', '2022-05-01', '2022-05-10')],
    expect: { status: 'red', reason: 'home-quarantine', until: t('2022-05-11T00:00') },
  },
];

describe('decideStatus', () => {
  it.each(scenarios)('$name', (s) => {
    const facts: PersonFacts = { tests: s.tests ?? [], entries: s.entries ?? [] };
    expect(decideStatus(facts, t(s.at ?? NOW), s.tz ?? CST)).toEqual(s.expect);
  });

  it('gives the same answer whatever order the facts come in', () => {
    const tests = [POSITIVE, nat('negative', '2022-05-08T09:00', '2022-05-08T18:00'), nat('negative', '2022-05-09T09:00', '2022-05-09T18:00')];
    const entries = [entry('home-quarantine', '2022-05-01', '2022-05-12'), entry('close-contact', '2022-05-02', '2022-05-10')];
    const expected = decideStatus({ tests, entries }, t(NOW), CST);
    expect(expected).toEqual({ status: 'red', reason: 'close-contact', until: t('2022-05-11T00:00') });
    expect(decideStatus({ tests: [...tests].reverse(), entries: [...entries].reverse() }, t(NOW), CST)).toEqual(expected);
  });

  it('ranks every reason a feed can produce exactly once', () => {
    const produced = new Set([...KEY_POPULATION_CATEGORIES.map((c) => CATEGORY_REASON[c]), 'positive-test']);
    expect([...REASON_SEVERITY].sort()).toEqual([...produced].sort());
    for (const c of KEY_POPULATION_CATEGORIES) {
      expect(decideStatus({ tests: [], entries: [entry(c, '2022-05-01')] }, t(NOW), CST)).toEqual({ status: 'red', reason: CATEGORY_REASON[c] });
    }
  });

  it('reads feed rows into facts', () => {
    expect(
      testFactFromRow({
        documentType: 'passport',
        documentNumber: 'E12345678',
        testKind: 'antibody',
        result: 'negative',
        institution: 'Lab',
        sampledAt: '2022-05-03T09:30:00+08:00',
        reportedAt: '2022-05-03T01:40:00Z',
      }),
    ).toEqual({ kind: 'antibody', result: 'negative', sampledAt: Date.UTC(2022, 4, 3, 1, 30), reportedAt: Date.UTC(2022, 4, 3, 1, 40) });
    expect(
      keyPopulationFactFromRow({ documentType: 'passport', documentNumber: 'E12345678', category: 'home-quarantine', startDate: '2022-05-01', sourceNote: 'x' }),
    ).toEqual({ category: 'home-quarantine', startDate: '2022-05-01', endDate: undefined });
  });
});

describe('redListEntryExpiry', () => {
  const listedAt = t('2022-05-10T12:00');
  const validity = 72 * H;
  it.each([
    ['no code was ever issued: drop at once', null, listedAt],
    ['a code issued an hour before: when it has expired, plus the clock margin', listedAt - H, listedAt - H + validity + RED_LIST_CLOCK_MARGIN_MS],
    ['the last code expired long before the listing: drop at once', listedAt - 10 * 24 * H, listedAt],
    ['a code issued in a race just after the change is covered too', listedAt + 1000, listedAt + 1000 + validity + RED_LIST_CLOCK_MARGIN_MS],
  ])('%s', (_, lastCodeIssuedAt, expected) => {
    expect(redListEntryExpiry({ listedAt, lastCodeIssuedAt, maxCodeValidityMs: validity })).toBe(expected);
  });

  it('takes the clock margin it is given', () => {
    expect(redListEntryExpiry({ listedAt, lastCodeIssuedAt: listedAt, maxCodeValidityMs: validity, clockMarginMs: 0 })).toBe(listedAt + validity);
  });
});

describe('the national platform against the local code', () => {
  const AT = t('2022-05-10T12:00');
  const DAY = 24 * H;
  const cases: [local: 'green' | 'red', national: NationalState | null, ageMs: number, expected: NationalDisagreement | null][] = [
    ['green', null, 0, null],
    ['green', 'green', 0, null],
    ['green', 'yellow', 0, 'national-stricter'],
    ['green', 'red', 0, 'national-stricter'],
    ['red', 'green', 0, 'local-stricter'],
    // The local code has no yellow: national yellow or red against local red agrees.
    ['red', 'yellow', 0, null],
    ['red', 'red', 0, null],
    // Recent enough to compare, to the millisecond; older says nothing about today.
    ['green', 'red', NATIONAL_STATE_MAX_AGE_MS, 'national-stricter'],
    ['green', 'red', NATIONAL_STATE_MAX_AGE_MS + 1, null],
    ['red', 'green', 8 * DAY, null],
  ];
  it.each(cases)('local %s, national %s (%d ms old) → %s', (local, national, ageMs, expected) => {
    expect(nationalDisagreement(local, national === null ? null : { state: national, asOf: AT - ageMs }, AT)).toBe(expected);
  });

  it('reads the person row: nothing on file, or an unknown colour, is no view at all', () => {
    const person = (national_state: string | null, national_state_at: number | null) => ({ status: 'green' as const, national_state, national_state_at });
    expect(nationalView(person(null, null), AT)).toBeNull();
    expect(nationalView(person('blue', AT), AT)).toBeNull();
    expect(nationalView(person('yellow', AT - H), AT)).toEqual({ state: 'yellow', asOf: AT - H, disagreement: 'national-stricter' });
    expect(nationalView(person('yellow', AT - 30 * DAY), AT)).toEqual({ state: 'yellow', asOf: AT - 30 * DAY, disagreement: null });
  });
});
