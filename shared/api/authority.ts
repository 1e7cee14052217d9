// The health authority's console and the feed systems: person lookup (audited, reason required),
// status history, corrections, imports with their reports, signing keys, adoption of the latest
// list changes and sync health — all for the `admin` role only. The feed endpoints (templates,
// OpenAPI, posting a feed with a source's token) are public routes that check their own token.

import * as v from 'valibot';
import { CODE_STATUSES, RED_REASONS } from '../code/claims.js';
import { FEED_KINDS, ImportReportSchema } from '../feeds.js';
import { NationalViewSchema } from '../national.js';
import { KEY_STATES } from '../trust.js';
import { endpoint, OkSchema } from './contract.js';
import { epochMs, wellFormed } from './fields.js';
import { personal } from './personal.js';

const ADMIN = { roles: ['admin'] } as const;
const Int = v.pipe(v.number(), v.integer());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Kid = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{11}$/));
const QueryFlag = v.optional(v.picklist(['true', 'false', '1', '0']));

/** Why an admin looks someone up: required, kept in the audit log with who and when. */
export const LOOKUP_REASON_MIN = 4;
export const LOOKUP_REASON_MAX = 200;

export const ImportChangesSchema = v.strictObject({
  statusChanges: Count,
  redListAdded: Count,
  redListRemoved: Count,
  redListVersion: Count,
});

export const ImportOutcomeSchema = v.strictObject({
  id: v.string(),
  report: ImportReportSchema,
  /** What the import changed — for a dry run, what it would have changed; zero when rows were rejected. */
  changes: ImportChangesSchema,
});
export type ImportOutcomeBody = v.InferOutput<typeof ImportOutcomeSchema>;

export const ImportSummarySchema = v.strictObject({
  id: v.string(),
  feed: v.picklist(FEED_KINDS),
  /** cli, console, or feed:<source>. */
  channel: v.string(),
  actor: v.string(),
  at: Int,
  dryRun: v.boolean(),
  applied: v.boolean(),
  accepted: Count,
  rejected: Count,
  changes: ImportChangesSchema,
});
export type ImportSummary = v.InferOutput<typeof ImportSummarySchema>;

export const KeyViewSchema = v.strictObject({
  kid: Kid,
  state: v.picklist(KEY_STATES),
  validFrom: Int,
  validTo: Int,
  withdrawnFrom: v.optional(Int),
  createdAt: Int,
});
export type KeyView = v.InferOutput<typeof KeyViewSchema>;

export const DeviceHealthSchema = v.strictObject({
  deviceId: v.string(),
  lastSeenAt: Int,
  trustVersion: v.nullable(Count),
  redListVersion: v.nullable(Count),
});

export const OverviewSchema = v.strictObject({
  /** When this answer was made: the trust list is signed afresh as it is served, so its age is 0 then. */
  now: Int,
  redList: v.strictObject({ size: Count, version: Count }),
  trust: v.strictObject({
    version: Count,
    /** The trust-list version that carried the latest withdrawal (null: none ever). */
    latestWithdrawalVersion: v.nullable(Count),
    keys: v.array(KeyViewSchema),
  }),
  adoption: v.strictObject({
    /** Devices heard from within activeDays. */
    activeDays: Count,
    activeDevices: Count,
    /** Active devices holding the latest withdrawal's trust list (all of them when there was none). */
    withLatestWithdrawal: Count,
    /** Active devices holding the current red list. */
    withLatestRedList: Count,
    /** Devices not heard from for longer than staleHours, longest silent first (at most 50). */
    staleHours: Count,
    stale: v.array(DeviceHealthSchema),
    /** Active devices that have not taken the latest withdrawal or red list (at most 50). */
    behind: v.array(DeviceHealthSchema),
  }),
  rejections: v.array(v.strictObject({ reason: v.string(), n: Count, devices: Count, lastAt: Int })),
  imports: v.array(ImportSummarySchema),
});
export type Overview = v.InferOutput<typeof OverviewSchema>;

export const StatusEventSchema = v.strictObject({
  at: Int,
  from: v.picklist(CODE_STATUSES),
  status: v.picklist(CODE_STATUSES),
  reason: v.picklist(RED_REASONS),
  cause: v.string(),
  actor: v.string(),
});

export const LOOKUP_CODE_KINDS = ['printed', 'cli', 'shown'] as const;
export const LookupCodeSchema = v.strictObject({
  kind: v.picklist(LOOKUP_CODE_KINDS),
  /** Issued (printed, cli) or shown (a phone's display). */
  at: Int,
  expiresAt: v.nullable(Int),
  status: v.nullable(v.picklist(CODE_STATUSES)),
  /** Printed codes: the print's number for the person, and when a status change revoked it. */
  seq: v.nullable(Count),
  revokedAt: v.nullable(Int),
  /** Shown codes: shown while the phone was offline. */
  offline: v.nullable(v.boolean()),
  actor: v.nullable(v.string()),
});
export type LookupCode = v.InferOutput<typeof LookupCodeSchema>;

export const LookupResultSchema = v.strictObject({
  person: v.nullable(
    v.strictObject({
      id: v.string(),
      name: personal(v.string()),
      documentNumber: personal(v.string()),
      status: v.picklist(CODE_STATUSES),
      reason: v.picklist(RED_REASONS),
      statusChangedAt: Int,
      /** When the feeds next change the status by themselves (a quarantine ends). */
      statusUntil: v.nullable(Int),
      redListed: v.boolean(),
      /** The national platform's latest state of the person, and whether it disagrees with the local code. */
      national: v.nullable(NationalViewSchema),
    }),
  ),
  events: v.array(StatusEventSchema),
  /**
   * The person's codes where they are recorded, newest first: printed codes (printed_codes), codes
   * issued from the CLI (the audit log), and phone codes as the phones reported showing them
   * (code_displays, 3 days) — a phone code is signed on request and not kept itself.
   */
  codes: v.array(LookupCodeSchema),
});
export type LookupResult = v.InferOutput<typeof LookupResultSchema>;

export const FeedTokenSchema = v.strictObject({
  id: v.string(),
  source: v.string(),
  feeds: v.array(v.picklist(FEED_KINDS)),
  createdAt: Int,
  revokedAt: v.nullable(Int),
});

const ImportQuery = v.strictObject({
  feed: v.picklist(FEED_KINDS),
  format: v.optional(v.picklist(['csv', 'ndjson'])),
  dryRun: QueryFlag,
});

export const authorityApi = {
  overview: endpoint({ method: 'GET', path: '/api/admin/overview', access: ADMIN, response: OverviewSchema }),
  /** A person by document number; the reason is required and audited with who and when. */
  lookup: endpoint({
    method: 'POST',
    path: '/api/admin/people/lookup',
    access: ADMIN,
    body: v.strictObject({
      documentNumber: v.pipe(v.string(), v.maxLength(64), wellFormed(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{5,18}$/, 'document-number')),
      reason: v.pipe(v.string(), v.maxLength(LOOKUP_REASON_MAX + 64), wellFormed(), v.trim(), v.minLength(LOOKUP_REASON_MIN, 'reason-required'), v.maxLength(LOOKUP_REASON_MAX, 'reason-too-long')),
    }),
    response: LookupResultSchema,
  }),
  correct: endpoint({
    method: 'POST',
    path: '/api/admin/people/:id/correct',
    access: ADMIN,
    body: v.strictObject({
      status: v.picklist(CODE_STATUSES),
      reason: v.optional(v.picklist(RED_REASONS)),
      note: v.pipe(v.string(), v.maxLength(264), wellFormed(), v.trim(), v.minLength(3), v.maxLength(200)),
    }),
    response: OkSchema,
  }),
  /** The body is the file itself (text/csv or application/x-ndjson), streamed. */
  importFeed: endpoint({ method: 'POST', path: '/api/admin/imports', access: ADMIN, query: ImportQuery, response: ImportOutcomeSchema }),
  imports: endpoint({ method: 'GET', path: '/api/admin/imports', access: ADMIN, response: v.strictObject({ imports: v.array(ImportSummarySchema) }) }),
  importReport: endpoint({
    method: 'GET',
    path: '/api/admin/imports/:id',
    access: ADMIN,
    response: v.strictObject({ import: ImportSummarySchema, report: ImportReportSchema }),
  }),
  createKey: endpoint({ method: 'POST', path: '/api/admin/keys', access: ADMIN, body: v.strictObject({ standby: v.boolean() }), response: KeyViewSchema }),
  activateKey: endpoint({ method: 'POST', path: '/api/admin/keys/:kid/activate', access: ADMIN, body: v.strictObject({}), response: OkSchema }),
  retireKey: endpoint({ method: 'POST', path: '/api/admin/keys/:kid/retire', access: ADMIN, body: v.strictObject({}), response: OkSchema }),
  /** `from`: epoch ms; codes the key signed from then on are refused. Absent: all of them. */
  withdrawKey: endpoint({
    method: 'POST',
    path: '/api/admin/keys/:kid/withdraw',
    access: ADMIN,
    body: v.strictObject({ from: v.optional(epochMs()) }),
    response: v.strictObject({ withdrawnFrom: v.nullable(Int), replacement: v.nullable(Kid) }),
  }),
  feedTokens: endpoint({ method: 'GET', path: '/api/admin/feed-tokens', access: ADMIN, response: v.strictObject({ tokens: v.array(FeedTokenSchema) }) }),
  /** The token is in this answer only; the server keeps its hash. */
  createFeedToken: endpoint({
    method: 'POST',
    path: '/api/admin/feed-tokens',
    access: ADMIN,
    body: v.strictObject({ source: v.pipe(v.string(), v.maxLength(40), wellFormed(), v.regex(/^[a-z0-9][a-z0-9-]{1,39}$/)), feeds: v.pipe(v.array(v.picklist(FEED_KINDS)), v.minLength(1), v.maxLength(2)) }),
    response: v.strictObject({ token: v.string(), info: FeedTokenSchema }),
  }),
  revokeFeedToken: endpoint({ method: 'POST', path: '/api/admin/feed-tokens/:id/revoke', access: ADMIN, body: v.strictObject({}), response: OkSchema }),
};

/** For feed systems: public routes; posting checks the source's bearer token itself. */
export const feedsApi = {
  /** The CSV (or NDJSON) template, generated from the validator's schema. */
  template: endpoint({
    method: 'GET',
    path: '/api/feeds/:feed/template',
    access: { public: true },
    query: v.strictObject({ header: v.optional(v.picklist(['zh-CN', 'en', 'key'])), format: v.optional(v.picklist(['csv', 'ndjson'])) }),
    response: v.string(),
  }),
  openapi: endpoint({ method: 'GET', path: '/api/feeds/openapi.json', access: { public: true }, response: v.record(v.string(), v.unknown()) }),
  post: endpoint({ method: 'POST', path: '/api/feeds/:feed', access: { public: true }, query: v.strictObject({ dryRun: QueryFlag }), response: ImportOutcomeSchema }),
};
