// Accounts that people control: the devices signed in to their account (see, end one, end all
// others, stop remembering one); the phone bound to it (change, unbind), everything the server holds
// about them (export), and deleting the account. Changing or giving up the account needs a fresh
// SMS code: POST /api/me/reverify marks this session as re-verified for 5 minutes.

import * as v from 'valibot';
import { ROLES } from '../roles.js';
import { OtpRequestResponseSchema, PhoneSchema } from './auth.js';
import { endpoint, OkSchema } from './contract.js';
import { matching } from './fields.js';
import { personal } from './personal.js';
import { PersonRecordsSchema } from './records.js';

/** A session's public id: 16 random bytes, base64url. Never the cookie token or its hash. */
export const SessionIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'not a session id'));

export const DeviceSessionSchema = v.strictObject({
  id: v.string(),
  /** Read from the user agent the device signed in with; null when it says nothing we know. */
  browser: v.nullable(v.string()),
  os: v.nullable(v.string()),
  mobile: v.boolean(),
  firstSeenAt: v.number(),
  lastSeenAt: v.number(),
  expiresAt: v.number(),
  /** Signed in with "remember this device for 30 days". */
  remembered: v.boolean(),
  /** The device this request came from. */
  current: v.boolean(),
});
export type DeviceSession = v.InferOutput<typeof DeviceSessionSchema>;

export const accountApi = {
  sessions: endpoint({
    method: 'GET',
    path: '/api/me/sessions',
    access: { signedIn: true },
    response: v.strictObject({ sessions: v.array(DeviceSessionSchema) }),
  }),
  /** Ends every session but this one. */
  endOtherSessions: endpoint({
    method: 'DELETE',
    path: '/api/me/sessions',
    access: { signedIn: true },
    response: v.strictObject({ ended: v.number() }),
  }),
  /** Ends one session (this one too: that is signing out here). */
  endSession: endpoint({ method: 'DELETE', path: '/api/me/sessions/:id', access: { signedIn: true }, response: OkSchema }),
  /**
   * Stops remembering a device: it then ends within 12 hours at most, and on this device also when
   * the browser closes (its cookie becomes a browser-session cookie).
   */
  forgetSession: endpoint({
    method: 'PATCH',
    path: '/api/me/sessions/:id',
    access: { signedIn: true },
    body: v.strictObject({ remember: v.literal(false) }),
    response: OkSchema,
  }),
};

/** How long a re-verification with an SMS code counts as fresh. */
export const REVERIFY_FRESH_MS = 5 * 60_000;

const SmsCodeSchema = matching(/^\d{6}$/, 'the code is 6 digits', 6);

export const BoundPhoneSchema = v.strictObject({
  phone: personal(v.string()),
  boundSince: v.number(),
  /** What stops working for this account once the phone is gone: shown before unbinding. */
  familyMembers: v.number(),
  records: v.number(),
  /** Until when this session counts as re-verified; null when it is not. */
  freshUntil: v.nullable(v.number()),
});
export type BoundPhone = v.InferOutput<typeof BoundPhoneSchema>;

/** What deleting an account removes, and what public-health law keeps (pseudonymised). */
export const DELETED_CATEGORIES = ['phone-number', 'name', 'document-number', 'signed-in-devices', 'device-keys', 'code-displays', 'org-memberships'] as const;
export const KEPT_CATEGORIES = ['test-results', 'entry-records', 'health-notices', 'temperature-checks', 'status-history', 'audit-log', 'health-declarations'] as const;

export const DeletionReceiptSchema = v.strictObject({
  receiptId: v.string(),
  deletedAt: v.number(),
  deleted: v.array(v.picklist(DELETED_CATEGORIES)),
  keptPseudonymised: v.array(v.picklist(KEPT_CATEGORIES)),
  /** The pseudonym the kept records stay under: not a name, not a number anyone else knows. */
  pseudonym: v.string(),
});
export type DeletionReceipt = v.InferOutput<typeof DeletionReceiptSchema>;

/** A code printed for a person: which print it is, when, until when, and when a reprint or a status change revoked it. */
export const ExportedPrintedCodeSchema = v.strictObject({
  id: v.string(),
  seq: v.number(),
  issuedAt: v.number(),
  expiresAt: v.number(),
  revokedAt: v.nullable(v.number()),
});
export type ExportedPrintedCode = v.InferOutput<typeof ExportedPrintedCodeSchema>;

/** One person as the server holds them: identity, code status and its history, printed codes. */
export const ExportedPersonSchema = v.strictObject({
  id: v.string(),
  name: personal(v.string()),
  documentType: v.nullable(v.string()),
  documentNumber: personal(v.nullable(v.string())),
  country: v.nullable(v.string()),
  /** The kind of their own phone code: resident or traveller. */
  kind: v.string(),
  status: v.string(),
  reason: v.string(),
  statusChangedAt: v.number(),
  /** Every status change, oldest first (what caused it; never who at the authority made it). */
  statusHistory: v.array(v.strictObject({ at: v.number(), fromStatus: v.string(), status: v.string(), reason: v.string(), cause: v.string() })),
  /** How many codes were printed for them (the reprint counter: the newest printout's number; 0 for none). */
  printCount: v.number(),
  /** Oldest first. */
  printedCodes: v.array(ExportedPrintedCodeSchema),
});
export type ExportedPerson = v.InferOutput<typeof ExportedPersonSchema>;

export const ExportSchema = v.strictObject({
  exportedAt: v.number(),
  account: v.strictObject({ id: v.string(), role: v.picklist(ROLES), phone: personal(v.string()), createdAt: v.number() }),
  person: v.nullable(ExportedPersonSchema),
  records: v.nullable(PersonRecordsSchema),
  /** The people the account looks after (family members, a traveller's companions), each with everything held about them. */
  familyMembers: v.array(
    v.strictObject({
      ...ExportedPersonSchema.entries,
      relation: v.picklist(['family', 'companion']),
      /** When this account began looking after them. */
      addedAt: v.number(),
      records: PersonRecordsSchema,
    }),
  ),
  sessions: v.array(DeviceSessionSchema),
  deviceKeys: v.array(v.strictObject({ keyId: v.string(), createdAt: v.number(), lastUsedAt: v.number() })),
});
export type AccountExport = v.InferOutput<typeof ExportSchema>;

export const accountControlApi = {
  /** Texts a code to the account's own phone, for re-verification. */
  reverifyRequest: endpoint({ method: 'POST', path: '/api/me/reverify/request', access: { roles: ['holder'] }, response: OtpRequestResponseSchema }),
  reverify: endpoint({
    method: 'POST',
    path: '/api/me/reverify',
    access: { roles: ['holder'] },
    body: v.strictObject({ code: SmsCodeSchema }),
    response: v.strictObject({ freshUntil: v.number() }),
  }),
  phone: endpoint({ method: 'GET', path: '/api/me/phone', access: { roles: ['holder'], self: true }, response: BoundPhoneSchema }),
  /** Texts a code to the new number (re-verified sessions only). */
  newPhoneRequest: endpoint({
    method: 'POST',
    path: '/api/me/phone/request',
    access: { roles: ['holder'] },
    body: v.strictObject({ phone: PhoneSchema }),
    response: OtpRequestResponseSchema,
  }),
  /** Binds the new number (with the code texted to it) and ends every session. */
  changePhone: endpoint({
    method: 'PUT',
    path: '/api/me/phone',
    access: { roles: ['holder'] },
    body: v.strictObject({ phone: PhoneSchema, code: SmsCodeSchema }),
    response: OkSchema,
  }),
  /** Unbinds the phone and ends every session; the number may be bound again later. */
  unbindPhone: endpoint({ method: 'DELETE', path: '/api/me/phone', access: { roles: ['holder'] }, response: OkSchema }),
  /** Everything the server holds about the person and their family members, as JSON. */
  exportJson: endpoint({ method: 'GET', path: '/api/me/export', access: { roles: ['holder'], self: true }, response: ExportSchema }),
  /** The records of the export as CSV (a file download, not JSON). */
  exportCsv: endpoint({
    method: 'GET',
    path: '/api/me/export/records.csv',
    access: { roles: ['holder'], self: true },
    query: v.strictObject({ lang: v.optional(v.picklist(['zh-CN', 'en'])) }),
    response: v.string(),
  }),
  deleteAccount: endpoint({ method: 'DELETE', path: '/api/me', access: { roles: ['holder'], self: true }, response: DeletionReceiptSchema }),
};
