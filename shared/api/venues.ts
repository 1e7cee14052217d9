// Venues as an inspector's device needs them: where it may record, in which time zone the day
// turns, and from which temperature a person counts as having a fever there.

import * as v from 'valibot';
import { MAX_TEMPERATURE, MIN_TEMPERATURE } from '../records.js';
import { endpoint, OkSchema } from './contract.js';
import { notPersonal } from './personal.js';
import { DeclarationCodeSchema } from './venue-manager.js';

export const VenueSchema = v.strictObject({
  id: v.string(),
  name: notPersonal(v.string(), 'the name of a place'),
  /** IANA zone: the venue's day (tallies, counts) turns at its local midnight. */
  timeZone: v.string(),
  /** °C: this temperature and above is a fever at this venue. */
  feverThreshold: v.pipe(v.number(), v.minValue(MIN_TEMPERATURE), v.maxValue(MAX_TEMPERATURE)),
  /** The inspector's pseudonymous tag at this venue: what its manager sees in the list of inspectors. */
  tag: v.optional(v.string()),
});
export type Venue = v.InferOutput<typeof VenueSchema>;

/** Who works at a gate: inspectors, and managers (a manager can be an inspector too). */
export const GATE_ROLES = ['inspector', 'manager'] as const;

export const venuesApi = {
  /** The venues the signed-in inspector is bound to. */
  mine: endpoint({ method: 'GET', path: '/api/venues', access: { roles: GATE_ROLES }, response: v.strictObject({ venues: v.array(VenueSchema) }) }),
  /** Binds the caller to the venue whose declaration code they scanned (again: nothing changes). */
  bind: endpoint({
    method: 'POST',
    path: '/api/venues/bindings',
    access: { roles: GATE_ROLES },
    body: v.strictObject({ declarationCode: DeclarationCodeSchema }),
    response: v.strictObject({ venue: VenueSchema }),
  }),
  /** The inspector leaves a venue; their records so far stay and count. */
  leave: endpoint({ method: 'DELETE', path: '/api/venues/:id/binding', access: { roles: GATE_ROLES }, response: OkSchema }),
};
