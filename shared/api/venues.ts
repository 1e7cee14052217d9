// Venues as an inspector's device needs them: where it may record, in which time zone the day
// turns, and from which temperature a person counts as having a fever there.

import * as v from 'valibot';
import { MAX_TEMPERATURE, MIN_TEMPERATURE } from '../records.js';
import { endpoint } from './contract.js';
import { notPersonal } from './personal.js';

export const VenueSchema = v.strictObject({
  id: v.string(),
  name: notPersonal(v.string(), 'the name of a place'),
  /** IANA zone: the venue's day (tallies, counts) turns at its local midnight. */
  timeZone: v.string(),
  /** °C: this temperature and above is a fever at this venue. */
  feverThreshold: v.pipe(v.number(), v.minValue(MIN_TEMPERATURE), v.maxValue(MAX_TEMPERATURE)),
});
export type Venue = v.InferOutput<typeof VenueSchema>;

export const venuesApi = {
  /** The venues the signed-in inspector is bound to. */
  mine: endpoint({ method: 'GET', path: '/api/venues', access: { roles: ['inspector'] }, response: v.strictObject({ venues: v.array(VenueSchema) }) }),
};
