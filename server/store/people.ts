// Store: people (holders and dependants) and their red/green status.

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, PeopleTable } from './schema.js';

export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;

export class PeopleRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async createPerson(row: NewPerson): Promise<void> {
    await this.db.insertInto('people').values(row).execute();
  }

  async getPerson(id: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async personBySub(sub: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('sub', '=', sub).executeTakeFirst();
  }

  /** The one person a document is (unique per type and canonical number). */
  async personByDocument(documentType: string, documentNo: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('document_type', '=', documentType).where('document_no', '=', documentNo).executeTakeFirst();
  }

  async setStatus(id: string, status: PersonRow['status'], reason: string, at: number): Promise<void> {
    await this.db.updateTable('people').set({ status, reason, status_changed_at: at }).where('id', '=', id).execute();
  }
}
