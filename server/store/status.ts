// Store: the status feeds (imports, the facts they brought, keyed by document number), the
// append-only status events, and the feed systems' tokens. Facts and events are only ever
// inserted; an import that fails is rolled back with its transaction, never deleted afterwards.

import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { FeedKind } from '../../shared/feeds.js';
import type { Dialect } from './dialect.js';
import { peopleWrites } from './people.js';
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

/** An import's key-population rows, column by column: a million-row feed makes no object per row. */
export interface KeyPopulationColumns {
  documentType: string[];
  documentNumber: string[];
  category: string[];
  startDate: string[];
  endDate: (string | null)[];
  sourceNote: string[];
}

/** An import's test results, column by column. */
export interface TestResultColumns {
  documentType: string[];
  documentNumber: string[];
  testKind: string[];
  result: string[];
  institution: string[];
  sampledAt: number[];
  reportedAt: number[];
}

/** An import's national health states, column by column. */
export interface NationalStateColumns {
  documentType: string[];
  documentNumber: string[];
  state: string[];
  asOf: number[];
}

const INSERT_NATIONAL_STATE = 'INSERT INTO feed_national_state (import_id, document_type, document_number, state, as_of) VALUES (?, ?, ?, ?, ?)';
const SET_NATIONAL_STATE = 'UPDATE people SET national_state = ?, national_state_at = ? WHERE id = ?';
const INSERT_KEY_POPULATION =
  'INSERT INTO feed_key_population (import_id, document_type, document_number, category, start_date, end_date, source_note) VALUES (?, ?, ?, ?, ?, ?, ?)';
const INSERT_TEST_RESULTS =
  'INSERT INTO feed_test_results (import_id, document_type, document_number, test_kind, result, institution, sampled_at, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** One prepared statement per SQL text and database, reused by every import (preparing is most of a small insert's cost). */
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
function statement(db: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let stmt = byText.get(text);
  if (!stmt) byText.set(text, (stmt = db.prepare(text)));
  return stmt;
}

const FEED_TABLES = { 'test-results': 'feed_test_results', 'key-population': 'feed_key_population', 'national-state': 'feed_national_state' } as const satisfies Record<
  FeedKind,
  keyof Database
>;

export class StatusRepo {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: Dialect,
    /** SQLite: the handle under `db`, for the bulk inserts (see insertKeyPopulation). */
    protected readonly sqlite?: BetterSqlite3.Database,
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

  /**
   * Bulk inserts, the cost of a million-row import. PostgreSQL: one statement per call, each column
   * one array parameter unnested server-side (close to COPY, with no new dependency and no
   * 65,535-parameter limit). SQLite: one prepared statement run per row inside the caller's
   * transaction — Kysely holds the connection for it, so nothing else can interleave.
   */
  async insertKeyPopulation(importId: string, c: KeyPopulationColumns): Promise<void> {
    const n = c.documentNumber.length;
    if (n === 0) return;
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO feed_key_population (import_id, document_type, document_number, category, start_date, end_date, source_note)
        SELECT ${importId}::text, * FROM unnest(${c.documentType}::text[], ${c.documentNumber}::text[], ${c.category}::text[],
          ${c.startDate}::text[], ${c.endDate}::text[], ${c.sourceNote}::text[])`.execute(this.db);
      return;
    }
    await this.inSqliteTransaction(INSERT_KEY_POPULATION, (stmt) => {
      for (let i = 0; i < n; i++) stmt.run(importId, c.documentType[i], c.documentNumber[i], c.category[i], c.startDate[i], c.endDate[i], c.sourceNote[i]);
    });
  }

  async insertTestResults(importId: string, c: TestResultColumns): Promise<void> {
    const n = c.documentNumber.length;
    if (n === 0) return;
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO feed_test_results (import_id, document_type, document_number, test_kind, result, institution, sampled_at, reported_at)
        SELECT ${importId}::text, * FROM unnest(${c.documentType}::text[], ${c.documentNumber}::text[], ${c.testKind}::text[],
          ${c.result}::text[], ${c.institution}::text[], ${c.sampledAt}::bigint[], ${c.reportedAt}::bigint[])`.execute(this.db);
      return;
    }
    await this.inSqliteTransaction(INSERT_TEST_RESULTS, (stmt) => {
      for (let i = 0; i < n; i++) {
        stmt.run(importId, c.documentType[i], c.documentNumber[i], c.testKind[i], c.result[i], c.institution[i], c.sampledAt[i], c.reportedAt[i]);
      }
    });
  }

  async insertNationalStates(importId: string, c: NationalStateColumns): Promise<void> {
    const n = c.documentNumber.length;
    if (n === 0) return;
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO feed_national_state (import_id, document_type, document_number, state, as_of)
        SELECT ${importId}::text, * FROM unnest(${c.documentType}::text[], ${c.documentNumber}::text[], ${c.state}::text[], ${c.asOf}::bigint[])`.execute(this.db);
      return;
    }
    await this.inSqliteTransaction(INSERT_NATIONAL_STATE, (stmt) => {
      for (let i = 0; i < n; i++) stmt.run(importId, c.documentType[i], c.documentNumber[i], c.state[i], c.asOf[i]);
    });
  }

  /** The national platform's latest state per document number (by its own time, then by arrival). */
  async latestNationalStates(numbers: readonly string[]): Promise<Map<string, { state: string; asOf: number }>> {
    const out = new Map<string, { state: string; asOf: number; id: number }>();
    for (const chunk of chunks([...new Set(numbers)], NUMBERS_PER_SELECT)) {
      if (chunk.length === 0) continue;
      for (const r of await this.db.selectFrom('feed_national_state').select(['id', 'document_number', 'state', 'as_of']).where('document_number', 'in', chunk).execute()) {
        const row = { state: r.state, asOf: Number(r.as_of), id: Number(r.id) };
        const held = out.get(r.document_number);
        if (!held || row.asOf > held.asOf || (row.asOf === held.asOf && row.id > held.id)) out.set(r.document_number, row);
      }
    }
    return new Map([...out].map(([doc, { state, asOf }]) => [doc, { state, asOf }]));
  }

  /** Keeps each person's latest national state on the person (people.national_state, _at), in bulk. */
  async setNationalStates(rows: readonly { id: string; state: string; asOf: number }[]): Promise<void> {
    if (rows.length === 0) return;
    // The code cache re-reads people after a write here; codes carry the national state.
    peopleWrites.generation++;
    if (this.dialect === 'postgres') {
      await sql`UPDATE people SET national_state = u.state, national_state_at = u.as_of
        FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.state)}::text[], ${rows.map((r) => r.asOf)}::bigint[]) AS u(id, state, as_of)
        WHERE people.id = u.id`.execute(this.db);
      return;
    }
    await this.inSqliteTransaction(SET_NATIONAL_STATE, (stmt) => {
      for (const r of rows) stmt.run(r.state, r.asOf, r.id);
    });
  }

  /** Runs `write` with the prepared statement inside a Kysely transaction (the caller's, or one of its own). */
  private async inSqliteTransaction(text: string, write: (stmt: BetterSqlite3.Statement) => void): Promise<void> {
    const sqlite = this.sqlite;
    if (!sqlite) throw new Error('a SQLite store was opened without its database handle');
    if (this.db.isTransaction) write(statement(sqlite, text));
    else await this.db.transaction().execute(async () => write(statement(sqlite, text)));
  }

  /**
   * PostgreSQL: fresh planner statistics for a feed table after a large import wrote to it, inside
   * the import's transaction (ANALYZE counts the transaction's own rows). Without them the planner
   * takes a million new rows for a few thousand and peopleInImport ran 14 s instead of 0.06 s.
   */
  async refreshStatistics(feed: FeedKind): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await sql`ANALYZE ${sql.table(FEED_TABLES[feed])}`.execute(this.db);
  }

  /** The people whose document number appears in an import (each once), in id order. */
  async peopleInImport(importId: string, feed: FeedKind): Promise<{ id: string; document_no: string }[]> {
    const table = FEED_TABLES[feed];
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

  /** The authority's test results for one document number, latest sample first (a holder's records). */
  async testResultsOf(documentNumber: string): Promise<FeedTestResultRow[]> {
    const rows = await this.db
      .selectFrom('feed_test_results')
      .selectAll()
      .where('document_number', '=', documentNumber)
      .orderBy('sampled_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => num(r, ['id', 'sampled_at', 'reported_at']));
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
