// What a holder asks about themselves: their current signed code.

import * as v from 'valibot';
import { CODE_KINDS, CODE_STATUSES, RED_REASONS } from '../code/claims.js';
import { endpoint } from './contract.js';
import { DeviceKeyIdSchema } from './device-keys.js';
import { NationalViewSchema } from '../national.js';
import { personal } from './personal.js';

export const MyCodeSchema = v.strictObject({
  /** The QR text: carries the masked name, so it is personal too. */
  text: personal(v.string()),
  status: v.picklist(CODE_STATUSES),
  reason: v.picklist(RED_REASONS),
  kind: v.picklist(CODE_KINDS),
  maskedName: personal(v.string()),
  issuedAt: v.number(),
  expiresAt: v.number(),
  /** The national platform's latest state of the person, when one is on file; says whether it disagrees with this code. */
  national: v.optional(personal(NationalViewSchema)),
});
export type MyCode = v.InferOutput<typeof MyCodeSchema>;

export const peopleApi = {
  /** A freshly signed code; never cached by the browser (the PWA keeps its own copy). */
  myCode: endpoint({
    method: 'GET',
    path: '/api/me/code',
    access: { roles: ['holder'], self: true },
    /** `deviceKey`: a key this account registered (device-keys.ts): the code is bound to it. Without it, an unbound code. */
    query: v.strictObject({ deviceKey: v.optional(DeviceKeyIdSchema) }),
    response: MyCodeSchema,
  }),
};
