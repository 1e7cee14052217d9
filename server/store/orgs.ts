// Store: organisations, their members, and daily health declarations (inserted once, never changed
// or deleted: which one of a day counts is worked out when reading, by shared/declarations.ts).

import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, HealthDeclarationsTable, OrganisationsTable, OrgMembersTable } from './schema.js';

export type OrgRow = Selectable<OrganisationsTable>;
export type OrgMemberRow = Selectable<OrgMembersTable>;
export type DeclarationRow = Selectable<HealthDeclarationsTable>;
/** What an admin may change (at most once a week). */
export type OrgChange = Pick<Updateable<OrganisationsTable>, 'name' | 'kind' | 'area_code' | 'admin_phone' | 'edited_at'>;

export class OrgsRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async create(row: Insertable<OrganisationsTable>): Promise<void> {
    await this.db.insertInto('organisations').values(row).execute();
  }

  async get(id: string): Promise<OrgRow | undefined> {
    return this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async ofAdmin(userId: string): Promise<OrgRow | undefined> {
    return this.db.selectFrom('organisations').selectAll().where('admin_user_id', '=', userId).executeTakeFirst();
  }

  async byJoinCode(code: string): Promise<OrgRow | undefined> {
    return this.db.selectFrom('organisations').selectAll().where('join_code', '=', code).executeTakeFirst();
  }

  async update(id: string, change: OrgChange): Promise<void> {
    await this.db.updateTable('organisations').set(change).where('id', '=', id).execute();
  }

  /** Joins, or changes the label of a member who joins again. */
  async addMember(row: OrgMemberRow): Promise<void> {
    await this.db
      .insertInto('org_members')
      .values(row)
      .onConflict((oc) => oc.columns(['org_id', 'person_id']).doUpdateSet({ label: row.label, user_id: row.user_id }))
      .execute();
  }

  async member(orgId: string, personId: string): Promise<OrgMemberRow | undefined> {
    return this.db.selectFrom('org_members').selectAll().where('org_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
  }

  /** An organisation's members, in the order they joined. */
  async members(orgId: string): Promise<OrgMemberRow[]> {
    return this.db.selectFrom('org_members').selectAll().where('org_id', '=', orgId).orderBy('joined_at').orderBy('person_id').execute();
  }

  async countMembers(orgId: string): Promise<number> {
    const row = await this.db.selectFrom('org_members').select((eb) => eb.fn.countAll<number | string>().as('n')).where('org_id', '=', orgId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A person's memberships with their organisations. */
  async membershipsOf(personId: string): Promise<(OrgMemberRow & { org: OrgRow })[]> {
    const rows = await this.db
      .selectFrom('org_members')
      .innerJoin('organisations', 'organisations.id', 'org_members.org_id')
      .selectAll('org_members')
      .select(['organisations.name as org_name', 'organisations.kind as org_kind', 'organisations.area_code as org_area_code', 'organisations.admin_user_id as org_admin_user_id', 'organisations.admin_phone as org_admin_phone', 'organisations.join_code as org_join_code', 'organisations.time_zone as org_time_zone', 'organisations.created_at as org_created_at', 'organisations.edited_at as org_edited_at'])
      .where('org_members.person_id', '=', personId)
      .orderBy('org_members.joined_at')
      .execute();
    return rows.map((r) => ({
      org_id: r.org_id,
      person_id: r.person_id,
      user_id: r.user_id,
      label: r.label,
      joined_at: r.joined_at,
      org: { id: r.org_id, name: r.org_name, kind: r.org_kind, area_code: r.org_area_code, admin_user_id: r.org_admin_user_id, admin_phone: r.org_admin_phone, join_code: r.org_join_code, time_zone: r.org_time_zone, created_at: r.org_created_at, edited_at: r.org_edited_at },
    }));
  }

  /** Ends a membership; whether there was one. Declarations made as a member stay with the person. */
  async removeMember(orgId: string, personId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('org_members').where('org_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Ends every membership of a person (their account is deleted). */
  async removeMemberships(personId: string): Promise<void> {
    await this.db.deleteFrom('org_members').where('person_id', '=', personId).execute();
  }

  /** Inserts a declaration unless its id is stored already; whether it went in. */
  async addDeclaration(row: DeclarationRow): Promise<boolean> {
    const inserted = await this.db.insertInto('health_declarations').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    return inserted.length > 0;
  }

  async declaration(id: string): Promise<DeclarationRow | undefined> {
    return this.db.selectFrom('health_declarations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A person's declarations declared from `since` on (all with 0), latest first. */
  async declarationsOf(personId: string, since = 0): Promise<DeclarationRow[]> {
    return this.db
      .selectFrom('health_declarations')
      .selectAll()
      .where('person_id', '=', personId)
      .where('declared_at', '>=', since)
      .orderBy('declared_at', 'desc')
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** The declarations of a person, organisation ('' for self-checks) and day, latest first. */
  async declarationsOfDay(personId: string, orgId: string, day: string): Promise<DeclarationRow[]> {
    return this.db
      .selectFrom('health_declarations')
      .selectAll()
      .where('person_id', '=', personId)
      .where('org_id', '=', orgId)
      .where('day', '=', day)
      .orderBy('declared_at', 'desc')
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Every declaration to an organisation on a local day. */
  async declarationsToOrg(orgId: string, day: string): Promise<DeclarationRow[]> {
    return this.db.selectFrom('health_declarations').selectAll().where('org_id', '=', orgId).where('day', '=', day).execute();
  }
}
