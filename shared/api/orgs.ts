// An organisation admin's own organisation (a school, a company, a unit): registering it with its
// administrative area (any level) and admin phone, the weekly edit, its join code, its members by the
// label they gave and a pseudonymous tag (never a name, phone or document number), and their daily
// health declarations for a day, as a table and as CSV/XLSX files.

import * as v from 'valibot';
import { PhoneSchema } from './auth.js';
import { endpoint, OkSchema } from './contract.js';
import { SYMPTOMS } from '../declarations.js';
import { formText, matching, wellFormed } from './fields.js';
import { notPersonal } from './personal.js';
import { DaySchema } from './stats.js';

export const ORG_KINDS = ['school', 'company', 'public-unit', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** GB/T 2260 levels an organisation can sit at: a province's office down to a street's school. */
export const AREA_LEVELS = ['province', 'city', 'county', 'township'] as const;

/** `HGO1:` + 16 characters without look-alikes: an organisation's fixed join code. */
export const JOIN_CODE = /^HGO1:[A-HJ-NP-Z2-9]{16}$/;
export const JoinCodeSchema = v.pipe(v.string(), v.maxLength(64), wellFormed(), v.trim(), v.toUpperCase(), v.regex(JOIN_CODE, 'not an organisation join code'));

/** The join code inside what a person pasted or scanned: the code itself or the join link (…/join#HGO1:…). */
export function joinCodeFrom(text: string): string | undefined {
  const m = /HGO1:[A-HJ-NP-Z2-9]{16}(?![A-Z0-9])/i.exec(text.trim());
  return m ? m[0].toUpperCase() : undefined;
}

/** A member's tag in one organisation: six characters, meaningless elsewhere. */
export const MemberTagSchema = v.pipe(v.string(), v.regex(/^[A-Z2-9]{6}$/, 'not a member tag'));

const AreaCode = matching(/^\d{2}(?:\d{2}(?:\d{2}(?:\d{3})?)?)?$/, 'pick the organisation’s area', 9);

export const OrgFormSchema = v.strictObject({
  areaCode: AreaCode,
  kind: v.picklist(ORG_KINDS, 'pick a kind of organisation'),
  name: formText(60, 'the organisation’s name is needed'),
  adminPhone: PhoneSchema,
});
export type OrgForm = v.InferOutput<typeof OrgFormSchema>;

/** An edit: the phone may be left out (the admin never sees it in full, so cannot resend it). */
export const OrgEditSchema = v.strictObject({ ...OrgFormSchema.entries, adminPhone: v.optional(PhoneSchema) });
export type OrgEdit = v.InferOutput<typeof OrgEditSchema>;

export const OrgDetailsSchema = v.strictObject({
  id: v.string(),
  name: notPersonal(v.string(), 'the name of an organisation'),
  kind: v.picklist(ORG_KINDS),
  areaCode: v.string(),
  /** The area as written, e.g. 广东省广州市荔湾区. */
  areaLabel: v.nullable(v.string()),
  areaLevel: v.nullable(v.picklist(AREA_LEVELS)),
  /** 138****0006: enough to recognise, not a number anyone can call. */
  adminPhoneMasked: notPersonal(v.string(), 'masked: the first three and last four digits only'),
  joinCode: v.string(),
  timeZone: v.string(),
  /** When the next change is allowed (epoch ms), or null when it is allowed now. */
  nextEditFrom: v.nullable(v.number()),
  members: v.number(),
});
export type OrgDetails = v.InferOutput<typeof OrgDetailsSchema>;

export const OrgMemberSchema = v.strictObject({
  tag: v.string(),
  /** What the organisation knows the member by (employee or student number), as the member typed it. */
  label: v.string(),
  joinedAt: v.number(),
});
export type OrgMember = v.InferOutput<typeof OrgMemberSchema>;

/** A member's declaration as their organisation sees it: the latest of the day; `earlier` were superseded. */
export const OrgDeclarationSchema = v.strictObject({
  id: v.string(),
  declaredAt: v.number(),
  symptoms: v.array(v.picklist(SYMPTOMS)),
  temperature: v.number(),
  /** At or above FEVER_FROM. */
  fever: v.boolean(),
  travel: v.boolean(),
  travelWhere: v.string(),
  keyContact: v.boolean(),
  /** How many earlier declarations of the day this one superseded. */
  earlier: v.number(),
});
export type OrgDeclaration = v.InferOutput<typeof OrgDeclarationSchema>;

export const OrgDaySchema = v.strictObject({
  day: DaySchema,
  /** Today in the organisation's zone. */
  today: DaySchema,
  timeZone: v.string(),
  counts: v.strictObject({ members: v.number(), declared: v.number(), notDeclared: v.number(), symptoms: v.number(), fever: v.number() }),
  /** Every current member, by label, with their declaration of the day or null. */
  rows: v.array(v.strictObject({ ...OrgMemberSchema.entries, declaration: v.nullable(OrgDeclarationSchema) })),
});
export type OrgDay = v.InferOutput<typeof OrgDaySchema>;

export const OrgDayQuerySchema = v.strictObject({ day: v.optional(DaySchema) });
export const OrgExportQuerySchema = v.strictObject({ day: DaySchema, lang: v.optional(v.picklist(['zh-CN', 'en'])) });

/** A file download answers with bytes, not JSON: the route hands back a Response, never checked against this. */
const FileSchema = v.never();
const OrgAnswer = v.strictObject({ org: OrgDetailsSchema });
const admin = { roles: ['org-admin'] } as const;

export const orgAdminApi = {
  /** The signed-in admin's organisation, or null before it is registered. */
  get: endpoint({ method: 'GET', path: '/api/org', access: admin, response: v.strictObject({ org: v.nullable(OrgDetailsSchema) }) }),
  register: endpoint({ method: 'POST', path: '/api/org', access: admin, body: OrgFormSchema, response: OrgAnswer }),
  /** At most once per natural week (Monday to Sunday in the organisation's time zone). */
  edit: endpoint({ method: 'PATCH', path: '/api/org', access: admin, body: OrgEditSchema, response: OrgAnswer }),
  members: endpoint({ method: 'GET', path: '/api/org/members', access: admin, response: v.strictObject({ members: v.array(OrgMemberSchema) }) }),
  removeMember: endpoint({ method: 'DELETE', path: '/api/org/members/:tag', access: admin, response: OkSchema }),
  /** Who has and has not declared on a day (today by default), with each latest declaration. */
  day: endpoint({ method: 'GET', path: '/api/org/declarations', access: admin, query: OrgDayQuerySchema, response: OrgDaySchema }),
  /** The day's table as CSV (UTF-8 with BOM, RFC 4180) or XLSX; columns in the README. */
  exportCsv: endpoint({ method: 'GET', path: '/api/org/declarations.csv', access: admin, query: OrgExportQuerySchema, response: FileSchema }),
  exportXlsx: endpoint({ method: 'GET', path: '/api/org/declarations.xlsx', access: admin, query: OrgExportQuerySchema, response: FileSchema }),
};
