// The health authority's rules, in one place: from what the feeds say about a person (test results,
// key-population entries) to a code status and reason, and when a red-list entry may be dropped.
// Pure functions of their arguments: no clock, no store, so every rule is a row in a table test.

import type { CodeStatus, RedReason } from '../../shared/code/claims.js';
import { NATIONAL_STATES, type NationalDisagreement, type NationalState, type NationalView } from '../../shared/national.js';
import {
  CLEARING_RULE,
  localDayStart,
  parseOffsetDateTime,
  type KeyPopulationCategory,
  type KeyPopulationRow,
  type TestKind,
  type TestResult,
  type TestResultRow,
} from '../../shared/feeds.js';

const DAY_MS = 24 * 3600_000;

export interface TestFact {
  kind: TestKind;
  result: TestResult;
  /** Epoch ms. The sampling time orders results: it is when the person was in that state. */
  sampledAt: number;
  /** Epoch ms. A result counts from when it was reported: nobody knew it before. */
  reportedAt: number;
}

export interface KeyPopulationFact {
  category: KeyPopulationCategory;
  /** Local calendar dates (`YYYY-MM-DD`), both inclusive; no end date = open-ended. */
  startDate: string;
  endDate?: string | undefined;
}

export interface PersonFacts {
  tests: readonly TestFact[];
  entries: readonly KeyPopulationFact[];
}

export interface StatusDecision {
  status: CodeStatus;
  reason: RedReason;
  /**
   * The next instant at which these same facts give another status or reason (an entry starts or
   * ends, a known result becomes reported); absent when nothing scheduled changes it. A code issued
   * now should not outlive it.
   */
  until?: number;
}

export const CATEGORY_REASON = {
  'confirmed-case': 'confirmed-case',
  'suspected-case': 'suspected-case',
  'close-contact': 'close-contact',
  'other-province-red': 'other-province-red',
  'other-province-yellow': 'other-province-yellow',
  'centralised-quarantine': 'centralised-quarantine',
  'home-quarantine': 'home-quarantine',
} as const satisfies Record<KeyPopulationCategory, RedReason>;

export type FeedRedReason = (typeof CATEGORY_REASON)[KeyPopulationCategory] | 'positive-test';

/**
 * When several reasons hold at once the code shows the most serious, first in this list: infection
 * diagnosed, then shown by a test, then suspected, then exposure, then isolation measures (centralised
 * before home: it is imposed on the higher-risk group), then another province's code (red before
 * yellow). The holder's guidance follows the reason shown, so the order also picks which steps they
 * see first; the lesser reasons surface by themselves when the greater one ends.
 */
export const REASON_SEVERITY = [
  'confirmed-case',
  'positive-test',
  'suspected-case',
  'close-contact',
  'centralised-quarantine',
  'home-quarantine',
  'other-province-red',
  'other-province-yellow',
] as const satisfies readonly FeedRedReason[];

export function testFactFromRow(row: TestResultRow): TestFact {
  const sampledAt = parseOffsetDateTime(row.sampledAt);
  const reportedAt = parseOffsetDateTime(row.reportedAt);
  // The row schema has already checked both; a failure here is a programming error.
  if (sampledAt === undefined || reportedAt === undefined) throw new RangeError('test result row with unreadable times');
  return { kind: row.testKind, result: row.result, sampledAt, reportedAt };
}

export function keyPopulationFactFromRow(row: KeyPopulationRow): KeyPopulationFact {
  return { category: row.category, startDate: row.startDate, endDate: row.endDate };
}

/** [start, end) of an entry in epoch ms: from local midnight of the first day to local midnight after the last. */
function entryInterval(e: KeyPopulationFact, tzOffsetMinutes: number): [number, number] {
  const start = localDayStart(e.startDate, tzOffsetMinutes);
  const end = e.endDate === undefined ? Infinity : localDayStart(e.endDate, tzOffsetMinutes) + DAY_MS;
  return [start, end];
}

/**
 * A positive result (of either kind) stays in force until CLEARING_RULE.negativeResults negative
 * results of CLEARING_RULE.testKind, all sampled after the latest positive, the first and last at
 * least CLEARING_RULE.minGapHours apart. Only results reported by `at` count.
 */
function positiveInForce(tests: readonly TestFact[], at: number): boolean {
  let latestPositive = -Infinity;
  for (const t of tests) if (t.result === 'positive' && t.reportedAt <= at) latestPositive = Math.max(latestPositive, t.sampledAt);
  if (latestPositive === -Infinity) return false;
  let count = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const t of tests) {
    if (t.result !== 'negative' || t.kind !== CLEARING_RULE.testKind || t.reportedAt > at || t.sampledAt <= latestPositive) continue;
    count++;
    first = Math.min(first, t.sampledAt);
    last = Math.max(last, t.sampledAt);
  }
  return count < CLEARING_RULE.negativeResults || last - first < CLEARING_RULE.minGapHours * 3600_000;
}

function decideAt(facts: PersonFacts, at: number, tzOffsetMinutes: number): { status: CodeStatus; reason: RedReason } {
  const active = new Set<FeedRedReason>();
  if (positiveInForce(facts.tests, at)) active.add('positive-test');
  for (const e of facts.entries) {
    const [start, end] = entryInterval(e, tzOffsetMinutes);
    if (start <= at && at < end) active.add(CATEGORY_REASON[e.category]);
  }
  const reason = REASON_SEVERITY.find((r) => active.has(r));
  return reason ? { status: 'red', reason } : { status: 'green', reason: 'none' };
}

/**
 * A person's status as at `at`, with days read in a zone `tzOffsetMinutes` east of UTC (the
 * deployment's HG_TZ_OFFSET_MINUTES: mainland China has one fixed offset and no summer time).
 */
export function decideStatus(facts: PersonFacts, at: number, tzOffsetMinutes: number): StatusDecision {
  const now = decideAt(facts, at, tzOffsetMinutes);
  // Only these instants can change the answer; a person has a handful of facts, so trying each is cheap.
  const boundaries = new Set<number>();
  for (const e of facts.entries) for (const b of entryInterval(e, tzOffsetMinutes)) if (b > at && Number.isFinite(b)) boundaries.add(b);
  for (const t of facts.tests) if (t.reportedAt > at) boundaries.add(t.reportedAt);
  for (const b of [...boundaries].sort((x, y) => x - y)) {
    const next = decideAt(facts, b, tzOffsetMinutes);
    if (next.status !== now.status || next.reason !== now.reason) return { ...now, until: b };
  }
  return now;
}

/**
 * How long a gate's clock may lag the server's and still be trusted: a lagging gate accepts a code
 * that has already expired, so a red-list entry stays this much longer than the codes it catches.
 */
export const RED_LIST_CLOCK_MARGIN_MS = 5 * 60_000;

export interface RedListExpiryInput {
  /** When the status change put the subject on the red list. */
  listedAt: number;
  /**
   * The latest code issued to the subject up to the change, or null when none ever was. Codes issued
   * after the change carry the new status themselves; passing a later one only keeps the entry longer.
   */
  lastCodeIssuedAt: number | null;
  /** The longest validity any code kind has (printed codes included). */
  maxCodeValidityMs: number;
  clockMarginMs?: number;
}

/**
 * When a red-list entry can be dropped: once every code it could catch (issued before the status
 * change) has expired, even on a gate whose clock lags. When a subject is listed again while still
 * listed, keep the later of the two expiries.
 */
export function redListEntryExpiry(p: RedListExpiryInput): number {
  if (p.lastCodeIssuedAt === null) return p.listedAt;
  const lastCatchable = p.lastCodeIssuedAt + p.maxCodeValidityMs + (p.clockMarginMs ?? RED_LIST_CLOCK_MARGIN_MS);
  return Math.max(p.listedAt, lastCatchable);
}

// --- the national platform's state ------------------------------------------------------------

/**
 * The national platform's state is compared while it is this recent: a state of last week says
 * little about today, and the person would be told about a disagreement that may no longer hold.
 */
export const NATIONAL_STATE_MAX_AGE_MS = 7 * DAY_MS;

/**
 * Whether the national platform's latest state disagrees with the local code. Only the colour
 * that restricts counts: the local code has no yellow, so national yellow or red against a local
 * red agrees (the local reason says why), and only green against red, either way round, is a
 * disagreement. The local code always applies in the province; the person is told so.
 */
export function nationalDisagreement(
  local: CodeStatus,
  national: { state: NationalState; asOf: number } | null,
  now: number,
): NationalDisagreement | null {
  if (!national || now - national.asOf > NATIONAL_STATE_MAX_AGE_MS) return null;
  const nationalRestricts = national.state !== 'green';
  if (local === 'green' && nationalRestricts) return 'national-stricter';
  if (local === 'red' && !nationalRestricts) return 'local-stricter';
  return null;
}

/** What a person's answers carry about the national platform: its latest state, and whether it disagrees. */
export function nationalView(
  person: { status: CodeStatus; national_state: string | null; national_state_at: number | null },
  now: number,
): NationalView | null {
  if (person.national_state === null || person.national_state_at === null || !(NATIONAL_STATES as readonly string[]).includes(person.national_state)) return null;
  const national = { state: person.national_state as NationalState, asOf: Number(person.national_state_at) };
  return { ...national, disagreement: nationalDisagreement(person.status, national, now) };
}
