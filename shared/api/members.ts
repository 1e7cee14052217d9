// The people an account looks after: a traveller's companions (同行人) and a resident's family
// members, each with their own signed code. Kept apart from travellers.ts so the code page's chunk
// does not carry the sign-up schemas.

import * as v from 'valibot';
import { CODE_KINDS } from '../code/claims.js';
import { DOCUMENT_TYPES } from '../documents.js';
import { MAX_NAME_LENGTH } from '../names.js';
import { endpoint, OkSchema } from './contract.js';
import { text } from './fields.js';
import { DeviceKeyIdSchema } from './device-keys.js';
import { MyCodeSchema } from './people.js';
import { personal } from './personal.js';

/** A typed identity as a form sends it: bounded in size, checked field by field on the server (shared/identity.ts). */
export const IdentityBodySchema = v.strictObject({
  name: text(MAX_NAME_LENGTH * 4),
  documentType: v.picklist(DOCUMENT_TYPES),
  documentNumber: text(64),
  /** Permits only: the 2-digit issue count (换证次数). */
  issueCount: v.optional(text(8)),
});

export const MEMBER_RELATIONS = ['self', 'companion', 'family'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];

export const MemberSchema = v.strictObject({
  /** The person's id: what the code and print requests name. */
  id: v.string(),
  relation: v.picklist(MEMBER_RELATIONS),
  /** The kind of this member's phone code. */
  kind: v.picklist(CODE_KINDS),
  maskedName: personal(v.string()),
});
export type Member = v.InferOutput<typeof MemberSchema>;

export const MembersSchema = v.strictObject({ members: v.array(MemberSchema) });

/** A printed code: the phone code's fields (kind 'printed', no device key) and which print of this person it is. */
export const PrintedCodeSchema = v.strictObject({
  ...MyCodeSchema.entries,
  /** 1 for the first print, then 2, 3 …: a printout with a lower number has been revoked. */
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type PrintedCode = v.InferOutput<typeof PrintedCodeSchema>;

const MemberParams = v.strictObject({ deviceKey: v.optional(DeviceKeyIdSchema) });

export const membersApi = {
  /** The account's own person first, then the people it looks after. */
  members: endpoint({
    method: 'GET',
    path: '/api/me/members',
    access: { roles: ['holder'], self: true },
    response: MembersSchema,
  }),
  /** Adds a companion (travellers) or a family member (residents), checked against the registry. */
  addMember: endpoint({
    method: 'POST',
    path: '/api/me/members',
    access: { roles: ['holder'], self: true },
    body: IdentityBodySchema,
    response: v.strictObject({ member: MemberSchema }),
  }),
  /** Stops looking after a member (the person and their records stay). */
  removeMember: endpoint({
    method: 'DELETE',
    path: '/api/me/members/:id',
    access: { roles: ['holder'] },
    response: OkSchema,
  }),
  /** A member's own signed code, bound to this phone's device key when it names one. */
  memberCode: endpoint({
    method: 'GET',
    path: '/api/me/members/:id/code',
    access: { roles: ['holder'], self: true },
    query: MemberParams,
    response: MyCodeSchema,
  }),
  /** Prints a code for the account's own person or a member: every earlier printout of theirs goes on the red list. */
  printCode: endpoint({
    method: 'POST',
    path: '/api/me/members/:id/printed-code',
    access: { roles: ['holder'], self: true },
    response: PrintedCodeSchema,
  }),
};
