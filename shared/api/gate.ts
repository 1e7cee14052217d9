// What a gate needs to judge codes the way the server will: the deployment's live-code policy.
// The server re-verifies every synced record with the same settings (server/lists/verifier.ts).

import * as v from 'valibot';
import { endpoint } from './contract.js';
import { int } from './fields.js';
import { notPersonal } from './personal.js';
import { GATE_ROLES } from './venues.js';

export const GatePolicySchema = v.strictObject({
  /**
   * The transition switch: a phone code shown without a live proof still passes, marked "not
   * live-checked". Off, it is a replay ("ask for the live code").
   */
  acceptWithoutProof: v.boolean(),
  /** How far a live proof's time may be from the gate's clock, either way, ms. */
  liveToleranceMs: v.pipe(v.number(), v.integer(), v.minValue(10_000), v.maxValue(30 * 60_000)),
  /** The longest validity a code may carry, per kind, hours (shared/code/verify.ts MaxValidityHours). */
  maxValidityHours: v.optional(v.strictObject({ phone: notPersonal(int(1, 366 * 24), 'hours a phone code may be valid, not a number'), printed: int(1, 3660 * 24) })),
});
export type GatePolicy = v.InferOutput<typeof GatePolicySchema>;

export const gateApi = {
  policy: endpoint({ method: 'GET', path: '/api/gate/policy', access: { roles: GATE_ROLES }, response: GatePolicySchema }),
};
