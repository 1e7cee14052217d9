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

  /**
   * Revokes the printed codes of these people that are neither revoked nor expired at `at`, and
   * returns them (an expired printout is refused by every gate already: it needs no entry).
   */
  async revokePrintedCodes(personIds: readonly string[], at: number): Promise<{ id: string; person_id: string; expires_at: number }[]> {
    const out: { id: string; person_id: string; expires_at: number }[] = [];
    // 500 ids per statement: far under either engine's parameter limit, and one index probe each.
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await this.db
        .updateTable('printed_codes')
        .set({ revoked_at: at })
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['id', 'person_id', 'expires_at'])
        .execute();
      for (const r of rows) out.push({ id: r.id, person_id: r.person_id, expires_at: Number(r.expires_at) });
    }
    return out;
  }
}
