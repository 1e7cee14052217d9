// Store: people (holders and dependants) and their red/green status.

import type { Insertable, Kysely, Selectable } from 'kysely';
import { compiledOnce } from './compiled.js';
import type { Database, PeopleTable } from './schema.js';

export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;

/**
 * Bumped by every write in this process that changes what a person's code says (status, subject,
 * name): the code cache's cue to read the person again at once rather than within its second.
 */
export const peopleWrites = { generation: 0 };

/** The person behind every code request: compiled once (store/compiled.ts). */
const personQuery = compiledOnce((db: Kysely<Database>, id: string) => db.selectFrom('people').selectAll().where('id', '=', id));

export class PeopleRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async createPerson(row: NewPerson): Promise<void> {
    await this.db.insertInto('people').values(row).execute();
  }

  async getPerson(id: string): Promise<PersonRow | undefined> {
    return (await personQuery(this.db, id))[0];
  }

  /** Several people at once (in no particular order); unknown ids are left out. */
  async getPeople(ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
  }

  async personBySub(sub: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('sub', '=', sub).executeTakeFirst();
  }

  /** The one person a document is (unique per type and canonical number). */
  async personByDocument(documentType: string, documentNo: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('document_type', '=', documentType).where('document_no', '=', documentNo).executeTakeFirst();
  }

  /** `until`: when the feeds next give another status (undefined leaves it as it is, null clears it). */
  async setStatus(id: string, status: PersonRow['status'], reason: string, at: number, until?: number | null): Promise<void> {
    await this.db
      .updateTable('people')
      .set(until === undefined ? { status, reason, status_changed_at: at } : { status, reason, status_changed_at: at, status_until: until })
      .where('id', '=', id)
      .execute();
    peopleWrites.generation++;
  }

  async setStatusUntil(id: string, until: number | null): Promise<void> {
    await this.db.updateTable('people').set({ status_until: until }).where('id', '=', id).execute();
  }

  /**
   * setStatus (with `until`) for many people: one UPDATE per distinct (status, reason, until) and
   * 500 people, where an import turning ten thousand people red has one or a few such groups.
   * `status` undefined: only `until` changes (setStatusUntil).
   */
  async setStatuses(changes: readonly { id: string; status?: PersonRow['status']; reason?: string; until: number | null }[], at: number): Promise<void> {
    const groups = new Map<string, { set: { status?: PersonRow['status']; reason?: string; status_changed_at?: number; status_until: number | null }; ids: string[] }>();
    for (const c of changes) {
      const key = JSON.stringify([c.status ?? null, c.reason ?? null, c.until]);
      let group = groups.get(key);
      if (!group) {
        const set = c.status === undefined ? { status_until: c.until } : { status: c.status, reason: c.reason ?? 'none', status_changed_at: at, status_until: c.until };
        groups.set(key, (group = { set, ids: [] }));
      }
      group.ids.push(c.id);
    }
    for (const { set, ids } of groups.values()) {
      for (let i = 0; i < ids.length; i += 500) await this.db.updateTable('people').set(set).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
    if (groups.size > 0) peopleWrites.generation++;
  }

  /** A new subject reference: codes carrying the old one no longer belong to the person. */
  async setSub(id: string, sub: string): Promise<void> {
    await this.db.updateTable('people').set({ sub }).where('id', '=', id).execute();
    peopleWrites.generation++;
  }

  /** The first person with this document number, whatever the type (the feeds match on the number). */
  async personByDocumentNumber(documentNo: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('document_no', '=', documentNo).orderBy('id').executeTakeFirst();
  }

  /** People whose feeds give another status by `now` (a quarantine ended), oldest first. */
  async dueForStatus(now: number, limit: number): Promise<{ id: string; document_no: string | null }[]> {
    return this.db.selectFrom('people').select(['id', 'document_no']).where('status_until', '<=', now).orderBy('status_until').limit(limit).execute();
  }
}
