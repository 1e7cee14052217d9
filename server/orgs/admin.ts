// An organisation admin's own organisation: register it (one per admin), read it, change it at most
// once per natural week (the venue rule, server/registration/week.ts), see its members by label and
// pseudonymous tag, remove one, and read a day's declarations. Every change is audited in its
// transaction. The admin never receives a member's name, phone or document number.

import { randomUUID } from 'node:crypto';
import { ORG_KINDS, type OrgDay, type OrgDeclaration, type OrgDetails, type OrgEdit, type OrgForm, type OrgKind, type OrgMember } from '../../shared/api/orgs.js';
import { FEVER_FROM, latestFirst, SYMPTOMS, type Symptom } from '../../shared/declarations.js';
import { AdminHasOrgError, AreaUnknownError, NotFoundError, OrgEditTooSoonError } from '../../shared/errors.js';
import { DEFAULT_TIME_ZONE, localDay } from '../../shared/time.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import type { DeclarationRow, OrgRow } from '../store/orgs.js';
import type { Store } from '../store/store.js';
import { maskPhone, memberTag, newJoinCode } from '../registration/codes.js';
import { divisionLabel, divisionLevel } from '../registration/divisions.js';
import { nextEditAllowed } from '../registration/week.js';

export const asKind = (k: string): OrgKind => ((ORG_KINDS as readonly string[]).includes(k) ? (k as OrgKind) : 'other');
export const symptomsOf = (text: string): Symptom[] => text.split(',').filter((s): s is Symptom => (SYMPTOMS as readonly string[]).includes(s));
export const rankable = (d: DeclarationRow) => ({ ...d, declaredAt: d.declared_at, receivedAt: d.received_at });

export class OrgManagement {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private async details(org: OrgRow): Promise<OrgDetails> {
    const next = nextEditAllowed(org.edited_at, this.now(), org.time_zone);
    return {
      id: org.id,
      name: org.name,
      kind: asKind(org.kind),
      areaCode: org.area_code,
      areaLabel: divisionLabel(org.area_code) ?? null,
      areaLevel: divisionLevel(org.area_code) ?? null,
      adminPhoneMasked: maskPhone(org.admin_phone),
      joinCode: org.join_code,
      timeZone: org.time_zone,
      nextEditFrom: next?.at ?? null,
      members: await this.store.orgs.countMembers(org.id),
    };
  }

  async orgOf(admin: UserActor): Promise<OrgDetails | null> {
    const org = await this.store.orgs.ofAdmin(admin.id);
    return org ? this.details(org) : null;
  }

  async register(admin: UserActor, form: OrgForm): Promise<OrgDetails> {
    if (!divisionLevel(form.areaCode)) throw new AreaUnknownError();
    const at = this.now();
    const id = `org-${randomUUID()}`;
    await this.store.transaction(async (tx) => {
      if (await tx.orgs.ofAdmin(admin.id)) throw new AdminHasOrgError();
      await tx.orgs.create({
        id,
        name: form.name,
        kind: form.kind,
        area_code: form.areaCode,
        admin_user_id: admin.id,
        admin_phone: form.adminPhone,
        join_code: newJoinCode(),
        time_zone: DEFAULT_TIME_ZONE,
        created_at: at,
        edited_at: null,
      });
      await record(tx, { at, actor: admin, action: 'org.register', targetId: id, detail: { area: form.areaCode, kind: form.kind } });
    });
    return this.details((await this.store.orgs.get(id))!);
  }

  async edit(admin: UserActor, change: OrgEdit): Promise<OrgDetails> {
    if (!divisionLevel(change.areaCode)) throw new AreaUnknownError();
    const at = this.now();
    const id = await this.store.transaction(async (tx) => {
      const org = await this.ownOrg(tx, admin);
      const next = nextEditAllowed(org.edited_at, at, org.time_zone);
      if (next) throw new OrgEditTooSoonError(`${next.day} 00:00 (${org.time_zone})`, Math.ceil((next.at - at) / 1000));
      const phone = change.adminPhone ?? org.admin_phone;
      await tx.orgs.update(org.id, { name: change.name, kind: change.kind, area_code: change.areaCode, admin_phone: phone, edited_at: at });
      // Which fields changed, by name only: the audit log never holds the phone itself.
      const before: Record<string, string> = { name: org.name, kind: org.kind, area: org.area_code, phone: org.admin_phone };
      const after: Record<string, string> = { name: change.name, kind: change.kind, area: change.areaCode, phone };
      await record(tx, { at, actor: admin, action: 'org.edit', targetId: org.id, detail: { changed: Object.keys(before).filter((k) => before[k] !== after[k]) } });
      return org.id;
    });
    return this.details((await this.store.orgs.get(id))!);
  }

  async members(admin: UserActor): Promise<OrgMember[]> {
    const org = await this.ownOrg(this.store, admin);
    return (await this.store.orgs.members(org.id)).map((m) => ({ tag: memberTag(org.id, m.person_id), label: m.label, joinedAt: m.joined_at }));
  }

  async removeMember(admin: UserActor, tag: string): Promise<void> {
    const at = this.now();
    await this.store.transaction(async (tx) => {
      const org = await this.ownOrg(tx, admin);
      const member = (await tx.orgs.members(org.id)).find((m) => memberTag(org.id, m.person_id) === tag);
      if (!member) throw new NotFoundError('No member with this tag is in your organisation.');
      await tx.orgs.removeMember(org.id, member.person_id);
      await record(tx, { at, actor: admin, action: 'org.remove-member', targetId: org.id, detail: { member: tag } });
    });
  }

  /** Every current member with their latest declaration of the day (today in the organisation's zone by default). */
  async day(admin: UserActor, day?: string): Promise<OrgDay> {
    const org = await this.ownOrg(this.store, admin);
    return this.dayOf(org, day);
  }

  async dayOf(org: OrgRow, day?: string): Promise<OrgDay> {
    const today = localDay(this.now(), org.time_zone);
    const theDay = day ?? today;
    const [members, declarations] = await Promise.all([this.store.orgs.members(org.id), this.store.orgs.declarationsToOrg(org.id, theDay)]);
    const byPerson = new Map<string, DeclarationRow[]>();
    for (const d of declarations) byPerson.set(d.person_id, [...(byPerson.get(d.person_id) ?? []), d]);
    const rows = members.map((m) => {
      const own = (byPerson.get(m.person_id) ?? []).map(rankable).sort(latestFirst);
      const latest = own[0];
      const declaration: OrgDeclaration | null = latest
        ? {
            id: latest.id,
            declaredAt: latest.declared_at,
            symptoms: symptomsOf(latest.symptoms),
            temperature: latest.temperature,
            fever: latest.temperature >= FEVER_FROM,
            travel: latest.travel === 1,
            travelWhere: latest.travel_where,
            keyContact: latest.key_contact === 1,
            earlier: own.length - 1,
          }
        : null;
      return { tag: memberTag(org.id, m.person_id), label: m.label, joinedAt: m.joined_at, declaration };
    });
    const declared = rows.filter((r) => r.declaration);
    return {
      day: theDay,
      today,
      timeZone: org.time_zone,
      counts: {
        members: rows.length,
        declared: declared.length,
        notDeclared: rows.length - declared.length,
        symptoms: declared.filter((r) => r.declaration!.symptoms.length > 0).length,
        fever: declared.filter((r) => r.declaration!.fever).length,
      },
      rows,
    };
  }

  async ownOrg(store: Store, admin: UserActor): Promise<OrgRow> {
    const org = await store.orgs.ofAdmin(admin.id);
    if (!org) throw new NotFoundError('You have no organisation yet: register it first.');
    return org;
  }
}
