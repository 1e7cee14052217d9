// Applying the rules to people: reads what the feeds say about each one, decides their status
// with rules.ts, and writes whatever changed — people.status, an append-only status event, the red
// list (an entry that expires once every code it can catch has expired) — inside the caller's
// transaction. Imports, scheduled re-decisions and corrections all go through here.

import { revokeAll } from '../holders/printed.js';
import type { Store } from '../store/store.js';
import type { FeedKeyPopulationRow, FeedTestResultRow } from '../store/status.js';
import { decideStatus, redListEntryExpiry, type KeyPopulationFact, type PersonFacts, type TestFact } from './rules.js';

/**
 * The authority's calendar: key-population dates are local dates in China Standard Time, which has
 * one fixed offset and no summer time.
 */
export const AUTHORITY_TZ_OFFSET_MINUTES = 480;

export interface DecideOptions {
  /** The longest validity any code has: a red-list entry is kept this long (plus a clock margin). */
  maxCodeValidityMs: number;
}

export interface DecideTally {
  /** People whose status or reason changed. */
  statusChanges: number;
  redListAdded: number;
  redListRemoved: number;
}

export const emptyTally = (): DecideTally => ({ statusChanges: 0, redListAdded: 0, redListRemoved: 0 });

const BATCH = 500;

/** Red-list entry of a subject reference (RedListService.entryFor: the salted hash devices hold). */
export type EntryFor = (sub: string) => Promise<string>;

export function factsOf(tests: readonly FeedTestResultRow[], entries: readonly FeedKeyPopulationRow[]): PersonFacts {
  return {
    tests: tests.map((t): TestFact => ({ kind: t.test_kind as TestFact['kind'], result: t.result as TestFact['result'], sampledAt: t.sampled_at, reportedAt: t.reported_at })),
    entries: entries.map((e): KeyPopulationFact => ({ category: e.category as KeyPopulationFact['category'], startDate: e.start_date, endDate: e.end_date ?? undefined })),
  };
}

/**
 * Re-decides these people as at `now` from every fact on file for their document numbers. Call
 * inside a transaction that holds the red-list lock (tx.redList.lockForWrite()).
 */
export async function redecide(
  tx: Store,
  people: readonly { id: string; document_no: string | null }[],
  now: number,
  cause: string,
  actor: string,
  entryFor: EntryFor,
  options: DecideOptions,
  tally: DecideTally = emptyTally(),
): Promise<DecideTally> {
  for (let i = 0; i < people.length; i += BATCH) {
    const batch = people.slice(i, i + BATCH);
    const numbers = batch.map((p) => p.document_no).filter((n): n is string => n !== null);
    const { tests, entries } = await tx.status.factsFor(numbers);
    const testsBy = groupBy(tests, (t) => t.document_number);
    const entriesBy = groupBy(entries, (e) => e.document_number);
    const events: Parameters<Store['status']['appendEvents']>[0][number][] = [];
    // Written per batch, not per person: an import can turn tens of thousands red at once.
    const updates: Parameters<Store['people']['setStatuses']>[0][number][] = [];
    const listed: Parameters<Store['redList']['addMany']>[0][number][] = [];
    const cleared: string[] = [];
    const turned: string[] = [];
    const rows = new Map((await tx.people.getPeople(batch.map((p) => p.id))).map((p) => [p.id, p]));
    for (const { id } of batch) {
      const person = rows.get(id);
      if (!person) continue;
      const doc = person.document_no;
      const facts = factsOf(doc ? (testsBy.get(doc) ?? []) : [], doc ? (entriesBy.get(doc) ?? []) : []);
      const decision = decideStatus(facts, now, AUTHORITY_TZ_OFFSET_MINUTES);
      const until = decision.until ?? null;
      if (decision.status === person.status && decision.reason === person.reason) {
        if ((person.status_until ?? null) !== until) updates.push({ id, until });
        continue;
      }
      updates.push({ id, status: decision.status, reason: decision.reason, until });
      events.push({ person_id: id, at: now, from_status: person.status, status: decision.status, reason: decision.reason, cause, actor });
      tally.statusChanges++;
      turned.push(id);
      if (decision.status === 'red' && person.status === 'green') {
        const expiresAt = redListEntryExpiry({ listedAt: now, lastCodeIssuedAt: now, maxCodeValidityMs: options.maxCodeValidityMs });
        listed.push({ entry: await entryFor(person.sub), personId: id, expiresAt });
      } else if (decision.status === 'green') {
        cleared.push(await entryFor(person.sub));
      }
    }
    await tx.people.setStatuses(updates, now);
    tally.redListAdded += await tx.redList.addMany(listed, now);
    tally.redListRemoved += await tx.redList.removeMany(cleared, now);
    // Printouts made before the change would say the old status: their ids go on the red list.
    const revoked = await revokeAll(tx, { entryFor }, turned, now);
    tally.redListAdded += revoked.length;
    await tx.status.appendEvents(events);
  }
  return tally;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
