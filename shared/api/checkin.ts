// Sunflower check-in codes (葵花码): the gate fetches its signed codes for the coming days (to show
// them offline), and a visitor's phone records a check-in under the visitor's own identity.

import * as v from 'valibot';
import { MAX_CHECKIN_TEXT } from '../checkin.js';
import { UUID_V7 } from '../uuid.js';
import { endpoint } from './contract.js';
import { epochMs, matching, text } from './fields.js';
import { GATE_ROLES } from './venues.js';
import { notPersonal } from './personal.js';

/** Today's code and the following days': a gate works offline for a week. */
export const CHECKIN_DAYS_AHEAD = 7;

export const CheckinCodesSchema = v.strictObject({
  codes: v.array(v.strictObject({ day: v.string(), code: v.string() })),
});

export const CheckinBodySchema = v.strictObject({
  id: matching(UUID_V7, 'must be a UUIDv7', 36),
  code: text(MAX_CHECKIN_TEXT, 1),
  /** The visitor's phone clock when the code was scanned, epoch ms. */
  capturedAt: epochMs(),
});
export type CheckinBody = v.InferOutput<typeof CheckinBodySchema>;

export const CheckinResultSchema = v.strictObject({
  status: v.picklist(['accepted', 'duplicate']),
  venueName: notPersonal(v.string(), 'the name of a place'),
  day: v.string(),
});
export type CheckinResult = v.InferOutput<typeof CheckinResultSchema>;

export const checkinApi = {
  codes: endpoint({ method: 'GET', path: '/api/venues/:id/checkin-codes', access: { roles: GATE_ROLES }, response: CheckinCodesSchema }),
  /** A visitor's check-in: refused (checkin_refused) for a forged, foreign or old code. */
  record: endpoint({ method: 'POST', path: '/api/checkins', access: { roles: ['holder'] }, body: CheckinBodySchema, response: CheckinResultSchema }),
};
