// A holder's side of organisations and daily health declarations: joining an organisation by its
// join code with the label it knows them by, leaving, and declaring (a personal self-check, or as a
// member of an organisation). Declarations are never edited or deleted; submitting again supersedes.

import * as v from 'valibot';
import { MAX_TEMPERATURE, MIN_TEMPERATURE } from '../records.js';
import { SYMPTOMS } from '../declarations.js';
import { endpoint, OkSchema } from './contract.js';
import { epochMs, formText, matching, num, wellFormed } from './fields.js';
import { JoinCodeSchema, ORG_KINDS } from './orgs.js';
import { notPersonal } from './personal.js';

const UUID = matching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not a UUID', 36);
export const OrgIdSchema = matching(/^org-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an organisation id', 40);
/**
 * A family member the account looks after (the member switch's id: a person id): a guardian joins
 * and declares for a child with no phone. Absent: the account's own person.
 */
export const MemberIdSchema = matching(/^[A-Za-z0-9_-]{1,80}$/, 'not a member id', 80);
const forMember = { memberId: v.optional(MemberIdSchema) };
/** The query naming the member a read or a leave is for (absent: the account's own person). */
export const MemberQuerySchema = v.strictObject({ member: v.optional(MemberIdSchema) });

/** What the organisation knows the member by: an employee or student number, a class and seat… */
export const MemberLabelSchema = formText(40, 'say what your organisation knows you by');

export const JoinSchema = v.strictObject({ joinCode: JoinCodeSchema, label: MemberLabelSchema, ...forMember });

export const DeclarationBodySchema = v.pipe(
  v.strictObject({
    /** Made on the phone (a UUID), so a declaration queued offline and sent twice is stored once. */
    id: UUID,
    /** The organisation it is declared to, or null for a personal self-check. */
    orgId: v.nullable(OrgIdSchema),
    /** When the person declared (the phone's clock; offline ones are sent later). */
    declaredAt: epochMs(),
    /** Empty: no symptoms. */
    symptoms: v.pipe(v.array(v.picklist(SYMPTOMS, 'not a symptom')), v.maxLength(SYMPTOMS.length), v.check((s) => new Set(s).size === s.length, 'a symptom is listed twice')),
    temperature: num(MIN_TEMPERATURE, MAX_TEMPERATURE, `a temperature from ${MIN_TEMPERATURE} to ${MAX_TEMPERATURE} °C`),
    travel: v.boolean(),
    /** Where, when travel is true (else empty). */
    travelWhere: v.pipe(v.string(), v.maxLength(100), wellFormed(), v.trim()),
    keyContact: v.boolean(),
    ...forMember,
  }),
  v.check((d) => !d.travel || d.travelWhere.length > 0, 'say where you travelled'),
);
export type DeclarationBody = v.InferOutput<typeof DeclarationBodySchema>;

export const MembershipSchema = v.strictObject({
  orgId: v.string(),
  orgName: notPersonal(v.string(), 'the name of an organisation'),
  kind: v.picklist(ORG_KINDS),
  areaLabel: v.nullable(v.string()),
  /** What the member told the organisation to know them by. */
  label: v.string(),
  /** The member's tag, as the organisation's admin sees it. */
  tag: v.string(),
  joinedAt: v.number(),
  timeZone: v.string(),
});
export type Membership = v.InferOutput<typeof MembershipSchema>;

export const MyDeclarationSchema = v.strictObject({
  id: v.string(),
  orgId: v.nullable(v.string()),
  orgName: notPersonal(v.nullable(v.string()), 'the name of an organisation'),
  /** The local day it counts on, in the organisation's zone. */
  day: v.string(),
  declaredAt: v.number(),
  receivedAt: v.number(),
  symptoms: v.array(v.picklist(SYMPTOMS)),
  temperature: v.number(),
  fever: v.boolean(),
  travel: v.boolean(),
  travelWhere: v.string(),
  keyContact: v.boolean(),
  /** A later declaration of the same day (and organisation) took its place; it stays on record. */
  superseded: v.boolean(),
});
export type MyDeclaration = v.InferOutput<typeof MyDeclarationSchema>;

/** Declarations listed on the declaration page (the records page and the export hold them all). */
export const DECLARATION_DAYS_SHOWN = 14;

export const MyDeclarationsSchema = v.strictObject({
  /** Travellers' web code has no declaration, as in the real system. */
  canDeclare: v.boolean(),
  memberships: v.array(MembershipSchema),
  /** The last DECLARATION_DAYS_SHOWN days, latest first. */
  declarations: v.array(MyDeclarationSchema),
});
export type MyDeclarations = v.InferOutput<typeof MyDeclarationsSchema>;

const holder = { roles: ['holder'] } as const;

export const declarationsApi = {
  /** The memberships and declarations of the account's own person, or (`?member=`) of a family member it looks after. */
  mine: endpoint({ method: 'GET', path: '/api/me/declarations', access: { ...holder, self: true }, query: MemberQuerySchema, response: MyDeclarationsSchema }),
  join: endpoint({ method: 'POST', path: '/api/me/orgs', access: holder, body: JoinSchema, response: v.strictObject({ membership: MembershipSchema }) }),
  leave: endpoint({ method: 'DELETE', path: '/api/me/orgs/:id', access: holder, query: MemberQuerySchema, response: OkSchema }),
  declare: endpoint({
    method: 'POST',
    path: '/api/me/declarations',
    access: { ...holder, self: true },
    body: DeclarationBodySchema,
    /** `supersedes`: the id of the day's declaration this one took the place of, if any. */
    response: v.strictObject({ declaration: MyDeclarationSchema, supersedes: v.nullable(v.string()) }),
  }),
};
