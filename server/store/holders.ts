// Store: who looks after whom (a traveller's companions, a guardian's family members), travellers'
// return links, and printed codes.

import type { Kysely, Selectable } from 'kysely';
import type { Database, GuardianshipsTable, PrintedCodesTable, TravellerLinksTable } from './schema.js';
import type { PersonRow } from './people.js';

export type GuardianshipRow = Selectable<GuardianshipsTable>;
export type TravellerLinkRow = Selectable<TravellerLinksTable>;
export type PrintedCodeRow = Selectable<PrintedCodesTable>;

export class HoldersRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Idempotent: the same account adding the same person again changes nothing. */
  async addGuardianship(row: GuardianshipRow): Promise<boolean> {
    const added = await this.db
      .insertInto('guardianships')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'person_id']).doNothing())
      .returning('person_id')
      .execute();
    return added.length > 0;
  }

  async removeGuardianship(userId: string, personId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('guardianships').where('user_id', '=', userId).where('person_id', '=', personId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async guardianship(userId: string, personId: string): Promise<GuardianshipRow | undefined> {
    return this.db.selectFrom('guardianships').selectAll().where('user_id', '=', userId).where('person_id', '=', personId).executeTakeFirst();
  }

  /** The people an account looks after, oldest first, with the relation. */
  async wardsOf(userId: string): Promise<(PersonRow & { relation: GuardianshipRow['relation']; added_at: number })[]> {
    return this.db
      .selectFrom('guardianships as g')
      .innerJoin('people as p', 'p.id', 'g.person_id')
      .selectAll('p')
      .select(['g.relation as relation', 'g.created_at as added_at'])
      .where('g.user_id', '=', userId)
      .orderBy('g.created_at')
      .orderBy('p.id')
      .execute();
  }

  async guardiansOf(personId: string): Promise<GuardianshipRow[]> {
    return this.db.selectFrom('guardianships').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
  }

  async createLink(row: TravellerLinkRow): Promise<void> {
    await this.db.insertInto('traveller_links').values(row).execute();
  }

  async link(tokenHash: string): Promise<TravellerLinkRow | undefined> {
    return this.db.selectFrom('traveller_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Marks the link used; false when it was used already (two clicks race: one wins). */
  async useLink(tokenHash: string, at: number): Promise<boolean> {
    const r = await this.db.updateTable('traveller_links').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async createPrintedCode(row: PrintedCodeRow): Promise<void> {
    await this.db.insertInto('printed_codes').values(row).execute();
  }

  /** The person's printed codes, newest first. */
  async printedCodesOf(personId: string): Promise<PrintedCodeRow[]> {
    return this.db.selectFrom('printed_codes').selectAll().where('person_id', '=', personId).orderBy('seq', 'desc').execute();
  }

  /** Revokes every printed code of the person not yet revoked, and returns their ids. */
  async revokePrintedCodes(personId: string, at: number): Promise<string[]> {
    const rows = await this.db
      .updateTable('printed_codes')
      .set({ revoked_at: at })
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
