// Store: the status feeds (imports, the facts they brought, keyed by document number), the
// append-only status events, and the feed systems' tokens. Facts and events are only ever
// inserted; an import that fails is rolled back with its transaction, never deleted afterwards.

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Database, FeedKeyPopulationTable, FeedTestResultsTable, FeedTokensTable, StatusEventsTable, StatusImportsTable } from './schema.js';

export type StatusImportRow = Selectable<StatusImportsTable>;
export type FeedTestResultRow = Selectable<FeedTestResultsTable>;
export type FeedKeyPopulationRow = Selectable<FeedKeyPopulationTable>;
export type StatusEventRow = Selectable<StatusEventsTable>;
export type FeedTokenRow = Selectable<FeedTokensTable>;

// PostgreSQL allows 65,535 bind parameters per statement, SQLite (≥ 3.32) 32,766: stay under both.
const MAX_PARAMS = 30_000;
const NUMBERS_PER_SELECT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const num = <T extends Record<string, unknown>>(row: T, keys: (keyof T)[]): T => {
  const copy = { ...row };
  for (const k of keys) if (copy[k] !== null && copy[k] !== undefined) (copy as Record<string, unknown>)[k as string] = Number(copy[k]);
  return copy;
};

export class StatusRepo {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: Dialect,
  ) {}

  async addImport(row: StatusImportRow): Promise<void> {
    await this.db.insertInto('status_imports').values(row).execute();
  }

  /** Newest first. */
  async imports(limit = 50): Promise<StatusImportRow[]> {
    const rows = await this.db.selectFrom('status_imports').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(importRow);
  }

  async getImport(id: string): Promise<StatusImportRow | undefined> {
    const row = await this.db.selectFrom('status_imports').selectAll().where('id', '=', id).executeTakeFirst();
    return row && importRow(row);
  }

  async insertTestResults(rows: readonly Insertable<FeedTestResultsTable>[]): Promise<void> {
    for (const chunk of chunks(rows, Math.floor(MAX_PARAMS / 8))) await this.db.insertInto('feed_test_results').values(chunk).execute();
  }

  async insertKeyPopulation(rows: readonly Insertable<FeedKeyPopulationTable>[]): Promise<void> {
    for (const chunk of chunks(rows, Math.floor(MAX_PARAMS / 7))) await this.db.insertInto('feed_key_population').values(chunk).execute();
  }

  /** The people whose document number appears in an import (each once), in id order. */
  async peopleInImport(importId: string, feed: 'test-results' | 'key-population'): Promise<{ id: string; document_no: string }[]> {
    const table = feed === 'test-results' ? 'feed_test_results' : 'feed_key_population';
    const rows = await this.db
      .selectFrom('people')
      .select(['people.id', 'people.document_no'])
      .where('people.document_no', 'in', (eb) => eb.selectFrom(table).select(`${table}.document_number`).where(`${table}.import_id`, '=', importId))
      .orderBy('people.id')
      .execute();
    return rows.map((r) => ({ id: r.id, document_no: r.document_no! }));
  }

  /** Every fact on file for these document numbers. */
  async factsFor(numbers: readonly string[]): Promise<{ tests: FeedTestResultRow[]; entries: FeedKeyPopulationRow[] }> {
    const tests: FeedTestResultRow[] = [];
    const entries: FeedKeyPopulationRow[] = [];
    for (const chunk of chunks([...new Set(numbers)], NUMBERS_PER_SELECT)) {
      if (chunk.length === 0) continue;
      for (const r of await this.db.selectFrom('feed_test_results').selectAll().where('document_number', 'in', chunk).orderBy('id').execute()) {
        tests.push(num(r, ['id', 'sampled_at', 'reported_at']));
      }
      for (const r of await this.db.selectFrom('feed_key_population').selectAll().where('document_number', 'in', chunk).orderBy('id').execute()) {
        entries.push(num(r, ['id']));
      }
    }
    return { tests, entries };
  }

  async appendEvents(rows: readonly Insertable<StatusEventsTable>[]): Promise<void> {
    for (const chunk of chunks(rows, Math.floor(MAX_PARAMS / 7))) await this.db.insertInto('status_events').values(chunk).execute();
  }

  /** A person's status history, oldest first. */
  async events(personId: string): Promise<StatusEventRow[]> {
    const rows = await this.db.selectFrom('status_events').selectAll().where('person_id', '=', personId).orderBy('id').execute();
    return rows.map((r) => num(r, ['id', 'at']));
  }

  async addToken(row: FeedTokenRow): Promise<void> {
    await this.db.insertInto('feed_tokens').values(row).execute();
  }

  async tokenByHash(hash: string): Promise<FeedTokenRow | undefined> {
    const row = await this.db.selectFrom('feed_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return row && num(row, ['created_at', 'revoked_at']);
  }

  async tokens(): Promise<FeedTokenRow[]> {
    return (await this.db.selectFrom('feed_tokens').selectAll().orderBy('created_at').execute()).map((r) => num(r, ['created_at', 'revoked_at']));
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    const r = await this.db.updateTable('feed_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

function importRow(r: StatusImportRow): StatusImportRow {
  return num(r, ['at', 'accepted', 'rejected', 'status_changes', 'red_list_added', 'red_list_removed']);
}
