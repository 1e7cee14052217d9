// A venue manager's own venue: registering it, its details and declaration code, the weekly edit,
// the inspectors bound to it (by pseudonymous tags, never names or phones) and handing the role over.

import * as v from 'valibot';
import { PhoneSchema } from './auth.js';
import { endpoint, OkSchema } from './contract.js';
import { formText, matching, wellFormed } from './fields.js';
import { notPersonal } from './personal.js';

/** The venue types a manager picks from (the order the form shows them in). */
export const VENUE_TYPES = ['residential', 'office', 'retail', 'dining-lodging', 'culture-entertainment', 'sports-recreation', 'transport', 'other'] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

/** `HGV1:` + 16 characters without look-alikes (no 0/O, 1/I): the fixed venue declaration code (场所申报码). */
export const DECLARATION_CODE = /^HGV1:[A-HJ-NP-Z2-9]{16}$/;
export const DeclarationCodeSchema = v.pipe(v.string(), v.maxLength(64), wellFormed(), v.trim(), v.toUpperCase(), v.regex(DECLARATION_CODE, 'not a venue declaration code'));

/** A pseudonymous tag for an inspector at one venue: the same for the manager and the inspector, meaningless elsewhere. */
export const InspectorTagSchema = v.pipe(v.string(), v.regex(/^[A-Z2-9]{6}$/, 'not an inspector tag'));

const AreaCode = matching(/^\d{9}$/, 'pick the area down to a township or street', 9);
const Text = formText;

export const VenueFormSchema = v.strictObject({
  areaCode: AreaCode,
  address: Text(120, 'the address is needed'),
  type: v.picklist(VENUE_TYPES, 'pick a venue type'),
  name: Text(60, 'the venue name is needed'),
  contactPhone: PhoneSchema,
});
export type VenueForm = v.InferOutput<typeof VenueFormSchema>;

/** An edit: the phone may be left out (the manager never sees it in full, so cannot resend it). */
export const VenueEditSchema = v.strictObject({ ...VenueFormSchema.entries, contactPhone: v.optional(PhoneSchema) });
export type VenueEdit = v.InferOutput<typeof VenueEditSchema>;

export const VenueDetailsSchema = v.strictObject({
  id: v.string(),
  name: notPersonal(v.string(), 'the name of a place'),
  areaCode: v.nullable(v.string()),
  /** The area as written, e.g. 广东省广州市荔湾区沙面街道. */
  areaLabel: v.nullable(v.string()),
  address: notPersonal(v.string(), 'the address of a place'),
  type: v.picklist(VENUE_TYPES),
  /** 138****0004: enough to recognise one's own entry, not a number anyone can call. */
  contactPhoneMasked: notPersonal(v.nullable(v.string()), 'masked: the first three and last four digits only'),
  declarationCode: v.string(),
  timeZone: v.string(),
  /** When the next change is allowed (epoch ms), or null when it is allowed now. */
  nextEditFrom: v.nullable(v.number()),
});
export type VenueDetails = v.InferOutput<typeof VenueDetailsSchema>;

export const VenueMemberSchema = v.strictObject({
  tag: v.string(),
  /** When the binding was made, epoch ms. */
  boundAt: v.number(),
  /** The manager's own binding (a manager can be an inspector too). */
  isYou: v.boolean(),
});
export type VenueMember = v.InferOutput<typeof VenueMemberSchema>;

const VenueAnswer = v.strictObject({ venue: VenueDetailsSchema });
const manager = { roles: ['manager'] } as const;

export const venueManagerApi = {
  /** The signed-in manager's venue, or null before it is registered. */
  get: endpoint({ method: 'GET', path: '/api/venue', access: manager, response: v.strictObject({ venue: v.nullable(VenueDetailsSchema) }) }),
  register: endpoint({ method: 'POST', path: '/api/venue', access: manager, body: VenueFormSchema, response: VenueAnswer }),
  /** At most once per natural week (Monday to Sunday in the venue's time zone). */
  edit: endpoint({ method: 'PATCH', path: '/api/venue', access: manager, body: VenueEditSchema, response: VenueAnswer }),
  inspectors: endpoint({ method: 'GET', path: '/api/venue/inspectors', access: manager, response: v.strictObject({ inspectors: v.array(VenueMemberSchema) }) }),
  unbind: endpoint({ method: 'DELETE', path: '/api/venue/inspectors/:tag', access: manager, response: OkSchema }),
  /** 更换绑定: the role goes to the account of this phone (made if there is none); the caller keeps no venue. */
  handOver: endpoint({ method: 'POST', path: '/api/venue/handover', access: manager, body: v.strictObject({ phone: PhoneSchema }), response: OkSchema }),
};
