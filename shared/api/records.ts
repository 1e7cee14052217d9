// A holder's health records, as only they (or their guardian) see them: test results, entry
// records, health notices, temperature checks at venues (never who checked), code displays of the
// last 3 days (those made offline are reported later by the phone), and what their identity says
// about sex and age band. Also the phone's report of displays it made.

import * as v from 'valibot';
import { CODE_STATUSES, RED_REASONS } from '../code/claims.js';
import { AGE_BANDS, DOCUMENT_TYPES } from '../documents.js';
import { TEST_KINDS, TEST_RESULTS } from '../feeds.js';
import { endpoint } from './contract.js';
import { MyDeclarationSchema } from './declarations.js';
import { epochMs, matching, text } from './fields.js';
import { NationalViewSchema } from '../national.js';
import { notPersonal, personal } from './personal.js';

/** Code displays are kept and shown for this long. */
export const CODE_DISPLAY_DAYS = 3;
export const MAX_DISPLAYS_PER_REPORT = 200;

export const TestResultSchema = v.strictObject({
  id: v.string(),
  kind: v.picklist(TEST_KINDS),
  result: v.picklist(TEST_RESULTS),
  institution: v.string(),
  sampledAt: v.number(),
  reportedAt: v.number(),
  /** Sent by the health authority's feed (what the person's status is decided from); absent: on the account's own record. */
  source: v.optional(v.literal('authority')),
});

export const TRANSPORTS = ['air', 'sea', 'land', 'rail'] as const;
export const EntryRecordSchema = v.strictObject({
  id: v.string(),
  /** ISO 3166-1 alpha-2. */
  country: v.string(),
  documentType: v.picklist(DOCUMENT_TYPES),
  documentNumber: personal(v.string()),
  /** YYYY-MM-DD. */
  entryDate: v.string(),
  port: v.string(),
  transport: v.picklist(TRANSPORTS),
  transportDetail: v.string(),
});

export const NOTICE_KINDS = ['health-certificate', 'observation-release'] as const;
export const NOTICE_STATES = ['valid', 'expired', 'revoked', 'released'] as const;
export const HealthNoticeSchema = v.strictObject({
  id: v.string(),
  kind: v.picklist(NOTICE_KINDS),
  state: v.picklist(NOTICE_STATES),
  issuer: v.string(),
  issuedAt: v.number(),
  validUntil: v.nullable(v.number()),
});

/** A check at a venue gate: where (the venue), when and what — never the inspector. */
export const TemperatureCheckSchema = v.strictObject({
  at: v.number(),
  venueName: notPersonal(v.string(), 'a venue, not a person'),
  temperature: v.number(),
  fever: v.boolean(),
});

export const CodeDisplaySchema = v.strictObject({
  shownAt: v.number(),
  status: v.picklist(CODE_STATUSES),
  /** Shown while the phone was offline and reported when it was back. */
  offline: v.boolean(),
  reportedAt: v.number(),
});

export const PersonRecordsSchema = v.strictObject({
  personId: v.string(),
  maskedName: personal(v.string()),
  status: v.picklist(CODE_STATUSES),
  reason: v.picklist(RED_REASONS),
  /** The national platform's latest state of the person (null: none on file), and whether it disagrees with the local code. */
  national: personal(v.nullable(NationalViewSchema)),
  /** From a mainland ID number (it carries birth date and sex); null for other documents. Only the owner sees it. */
  sex: personal(v.nullable(v.picklist(['male', 'female']))),
  ageBand: personal(v.nullable(v.picklist(AGE_BANDS))),
  tests: v.array(TestResultSchema),
  entries: v.array(EntryRecordSchema),
  notices: v.array(HealthNoticeSchema),
  temperatureChecks: v.array(TemperatureCheckSchema),
  codeDisplays: v.array(CodeDisplaySchema),
  /** Daily health declarations, latest first; superseded ones stay, marked. */
  declarations: v.array(MyDeclarationSchema),
  generatedAt: v.number(),
});
export type PersonRecords = v.InferOutput<typeof PersonRecordsSchema>;

export const CodeDisplayReportSchema = v.strictObject({
  displays: v.pipe(
    v.array(
      v.strictObject({
        /** Made on the phone (a UUID), so a report sent twice stores each display once. */
        id: matching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not a UUID', 36),
        shownAt: epochMs(),
        status: v.picklist(CODE_STATUSES),
        offline: v.boolean(),
        /** Whose code was shown: a family member's (the guardian's phone showed it); absent: the account's own. */
        personId: v.optional(text(80, 1)),
      }),
    ),
    v.minLength(1),
    v.maxLength(MAX_DISPLAYS_PER_REPORT),
  ),
});
export type CodeDisplayReport = v.InferOutput<typeof CodeDisplayReportSchema>;

export const recordsApi = {
  mine: endpoint({ method: 'GET', path: '/api/me/records', access: { roles: ['holder'], self: true }, response: PersonRecordsSchema }),
  reportDisplays: endpoint({
    method: 'POST',
    path: '/api/me/code-displays',
    access: { roles: ['holder'] },
    body: CodeDisplayReportSchema,
    /** `refused`: displays of someone the account does not look after (any more): not stored, and not to be sent again. */
    response: v.strictObject({ stored: v.number(), refused: v.number() }),
  }),
  /** A family member's records, for the account that looks after them. */
  member: endpoint({ method: 'GET', path: '/api/me/members/:id/records', access: { roles: ['holder'], self: true }, response: PersonRecordsSchema }),
};
