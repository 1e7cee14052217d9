// A holder's side: joining an organisation by its join code with the label it knows them by,
// leaving, and daily health declarations — a personal self-check or as a member. Declarations are
// stored once per id (a phone may send a queued one twice) and never changed: a later one of the
// same person, organisation and local day supersedes, and both stay on record. A guardian does all
// of it for a family member they look after (a child at school has no phone): the member is the
// organisation's member and the declaring person; the guardian is the account that acted.

import { DECLARATION_DAYS_SHOWN, type DeclarationBody, type Membership, type MyDeclaration, type MyDeclarations } from '../../shared/api/declarations.js';
import { DECLARATION_MAX_AGE_MS, DECLARATION_MAX_AHEAD_MS, FEVER_FROM, latestFirst, markSuperseded } from '../../shared/declarations.js';
import { BadRequestError, DeclarationNotForTravellersError, DeclarationTimeInvalidError, JoinCodeUnknownError, NoCodeError, NotAMemberError, NotFoundError } from '../../shared/errors.js';
import { DEFAULT_TIME_ZONE, localDay } from '../../shared/time.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import type { MemberService } from '../holders/members.js';
import type { OrgMemberRow, OrgRow, DeclarationRow } from '../store/orgs.js';
import type { PersonRow } from '../store/people.js';
import type { Store } from '../store/store.js';
import { memberTag } from '../registration/codes.js';
import { divisionLabel } from '../registration/divisions.js';
import { asKind, rankable, symptomsOf } from './admin.js';

const DAY = 86_400_000;

function membership(m: OrgMemberRow, org: OrgRow): Membership {
  return {
    orgId: org.id,
    orgName: org.name,
    kind: asKind(org.kind),
    areaLabel: divisionLabel(org.area_code) ?? null,
    label: m.label,
    tag: memberTag(org.id, m.person_id),
    joinedAt: m.joined_at,
    timeZone: org.time_zone,
  };
}

/** A person's declarations (declared from `since` on), latest first, each marked superseded or not. */
export async function declarationsOfPerson(store: Store, personId: string, since = 0): Promise<MyDeclaration[]> {
  const rows = await store.orgs.declarationsOf(personId, since);
  const orgIds = [...new Set(rows.map((r) => r.org_id).filter((id) => id !== ''))];
  const orgs = new Map((await Promise.all(orgIds.map((id) => store.orgs.get(id)))).filter((o): o is OrgRow => o !== undefined).map((o) => [o.id, o]));
  return markSuperseded(rows.map(rankable), (d) => `${d.org_id}\0${d.day}`).map((d) => mine(d, orgs.get(d.org_id), d.superseded));
}

function mine(d: DeclarationRow, org: OrgRow | undefined, superseded: boolean): MyDeclaration {
  return {
    id: d.id,
    orgId: d.org_id === '' ? null : d.org_id,
    orgName: org?.name ?? null,
    day: d.day,
    declaredAt: d.declared_at,
    receivedAt: d.received_at,
    symptoms: symptomsOf(d.symptoms),
    temperature: d.temperature,
    fever: d.temperature >= FEVER_FROM,
    travel: d.travel === 1,
    travelWhere: d.travel_where,
    keyContact: d.key_contact === 1,
    superseded,
  };
}

/** Who a request is for: the account's own person (undefined) or a family member's person id. */
export type ForMember = string | undefined;

export class DeclarationService {
  constructor(
    private readonly store: Store,
    /** Says whether the account looks after a person (their guardian), and who that is. */
    private readonly members: Pick<MemberService, 'memberOf'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account's own person, or the family member it is the guardian of (NotFoundError for anyone else). */
  private async personOf(actor: UserActor, memberId: ForMember): Promise<PersonRow> {
    if (memberId !== undefined) return (await this.members.memberOf(actor, memberId)).person;
    const person = actor.personId ? await this.store.people.getPerson(actor.personId) : undefined;
    if (!person) throw new NoCodeError();
    return person;
  }

  private async declaringPerson(actor: UserActor, memberId: ForMember): Promise<PersonRow> {
    const person = await this.personOf(actor, memberId);
    if (person.kind === 'traveller') throw new DeclarationNotForTravellersError();
    return person;
  }

  /** The audit's detail: the member's tag, and that a guardian acted for them. */
  private static detail(actor: UserActor, orgId: string, person: PersonRow): Record<string, unknown> {
    return { member: memberTag(orgId, person.id), ...(person.id === actor.personId ? {} : { byGuardian: true }) };
  }

  async mine(actor: UserActor, memberId?: ForMember): Promise<MyDeclarations> {
    const person = await this.personOf(actor, memberId);
    const [memberships, declarations] = await Promise.all([
      this.store.orgs.membershipsOf(person.id),
      declarationsOfPerson(this.store, person.id, this.now() - DECLARATION_DAYS_SHOWN * DAY),
    ]);
    return { canDeclare: person.kind !== 'traveller', memberships: memberships.map((m) => membership(m, m.org)), declarations };
  }

  /** Joins the organisation of this code under `label`; joining again changes the label. */
  async join(actor: UserActor, joinCode: string, label: string, memberId?: ForMember): Promise<Membership> {
    const person = await this.declaringPerson(actor, memberId);
    const at = this.now();
    return this.store.transaction(async (tx) => {
      const org = await tx.orgs.byJoinCode(joinCode);
      if (!org) throw new JoinCodeUnknownError();
      const row: OrgMemberRow = { org_id: org.id, person_id: person.id, user_id: actor.id, label, joined_at: (await tx.orgs.member(org.id, person.id))?.joined_at ?? at };
      await tx.orgs.addMember(row);
      await record(tx, { at, actor, action: 'org.join', targetId: org.id, detail: DeclarationService.detail(actor, org.id, person) });
      return membership(row, org);
    });
  }

  async leave(actor: UserActor, orgId: string, memberId?: ForMember): Promise<void> {
    const person = await this.personOf(actor, memberId);
    const at = this.now();
    await this.store.transaction(async (tx) => {
      if (!(await tx.orgs.removeMember(orgId, person.id))) throw new NotFoundError('You are not a member of this organisation.');
      await record(tx, { at, actor, action: 'org.leave', targetId: orgId, detail: DeclarationService.detail(actor, orgId, person) });
    });
  }

  /** Stores a declaration (once per id) and says which of the day's it superseded. */
  async declare(actor: UserActor, body: DeclarationBody): Promise<{ declaration: MyDeclaration; supersedes: string | null }> {
    const person = await this.declaringPerson(actor, body.memberId);
    const now = this.now();
    if (body.declaredAt < now - DECLARATION_MAX_AGE_MS || body.declaredAt > now + DECLARATION_MAX_AHEAD_MS) throw new DeclarationTimeInvalidError();
    return this.store.transaction(async (tx) => {
      let org: OrgRow | undefined;
      if (body.orgId !== null) {
        org = await tx.orgs.get(body.orgId);
        if (!org || !(await tx.orgs.member(org.id, person.id))) throw new NotAMemberError();
      }
      const orgKey = org?.id ?? '';
      const stored = await tx.orgs.declaration(body.id);
      if (stored && (stored.person_id !== person.id || stored.org_id !== orgKey)) throw new BadRequestError('This declaration id is already used.');
      const row: DeclarationRow = stored ?? {
        id: body.id,
        person_id: person.id,
        user_id: actor.id,
        org_id: orgKey,
        day: localDay(body.declaredAt, org?.time_zone ?? DEFAULT_TIME_ZONE),
        declared_at: body.declaredAt,
        received_at: now,
        symptoms: body.symptoms.join(','),
        temperature: Math.round(body.temperature * 10) / 10,
        travel: body.travel ? 1 : 0,
        travel_where: body.travel ? body.travelWhere : '',
        key_contact: body.keyContact ? 1 : 0,
      };
      if (!stored) await tx.orgs.addDeclaration(row);
      // The day's declarations, this one among them, latest first.
      const ofDay = (await tx.orgs.declarationsOfDay(person.id, orgKey, row.day)).map(rankable).sort(latestFirst);
      const place = ofDay.findIndex((d) => d.id === row.id);
      const supersedes = place === 0 ? (ofDay[1]?.id ?? null) : null;
      return { declaration: mine(row, org, place > 0), supersedes };
    });
  }
}
