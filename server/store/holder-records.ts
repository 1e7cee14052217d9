// Store: a holder's health records — test results, entry records, health notices, the code
// displays their phones report, and the temperature checks venues synced for their code subject.

import type { Kysely, Selectable } from 'kysely';
import type { CodeDisplaysTable, Database, EntryRecordsTable, HealthNoticesTable, TestResultsTable } from './schema.js';

export type TestResultRow = Selectable<TestResultsTable>;
export type EntryRecordRow = Selectable<EntryRecordsTable>;
export type HealthNoticeRow = Selectable<HealthNoticesTable>;
export type CodeDisplayRow = Selectable<CodeDisplaysTable>;
export interface TemperatureCheckRow {
  captured_at: number;
  venue_name: string;
  temperature: number;
  fever_threshold: number;
}

export class HolderRecordsRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async addTestResult(row: TestResultRow): Promise<void> {
    await this.db.insertInto('test_results').values(row).onConflict((oc) => oc.doNothing()).execute();
  }

  async addEntryRecord(row: EntryRecordRow): Promise<void> {
    await this.db.insertInto('entry_records').values(row).onConflict((oc) => oc.doNothing()).execute();
  }

  async addHealthNotice(row: HealthNoticeRow): Promise<void> {
    await this.db.insertInto('health_notices').values(row).onConflict((oc) => oc.doNothing()).execute();
  }

  async testsOf(personId: string): Promise<TestResultRow[]> {
    return this.db.selectFrom('test_results').selectAll().where('person_id', '=', personId).orderBy('sampled_at', 'desc').orderBy('id').execute();
  }

  async entriesOf(personId: string): Promise<EntryRecordRow[]> {
    return this.db.selectFrom('entry_records').selectAll().where('person_id', '=', personId).orderBy('entry_date', 'desc').orderBy('id').execute();
  }

  async noticesOf(personId: string): Promise<HealthNoticeRow[]> {
    return this.db.selectFrom('health_notices').selectAll().where('person_id', '=', personId).orderBy('issued_at', 'desc').orderBy('id').execute();
  }

  /**
   * The newest checks of a code subject, a re-scan standing in for the record it supersedes. Only
   * where, when and what: the inspector and the device are not selected.
   */
  async temperatureChecksOf(sub: string, limit: number): Promise<TemperatureCheckRow[]> {
    return this.db
      .selectFrom('checkpoint_records as r')
      .innerJoin('venues as v', 'v.id', 'r.venue_id')
      .select(['r.captured_at', 'v.name as venue_name', 'r.temperature', 'v.fever_threshold'])
      .where('r.sub', '=', sub)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('checkpoint_records as s').select('s.id').whereRef('s.supersedes', '=', 'r.id'))))
      .orderBy('r.captured_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Stores the displays not stored before (by id); how many were new. */
  async addCodeDisplays(rows: readonly CodeDisplayRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db.insertInto('code_displays').values([...rows]).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    return inserted.length;
  }

  async displaysOf(personId: string, since: number): Promise<CodeDisplayRow[]> {
    return this.db.selectFrom('code_displays').selectAll().where('person_id', '=', personId).where('shown_at', '>=', since).orderBy('shown_at', 'desc').execute();
  }

  async deleteDisplaysBefore(at: number): Promise<void> {
    await this.db.deleteFrom('code_displays').where('shown_at', '<', at).execute();
  }
}
