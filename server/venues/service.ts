// Venues: what an inspector's device needs to know about the venues it records for, and the daily
// counts of a venue — by the venue's own day and its own fever threshold.

import type { Venue } from '../../shared/api/venues.js';
import { NotFoundError } from '../../shared/errors.js';
import type { DailyCounts } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { VenueRow } from '../store/venues.js';

export function toVenue(v: VenueRow): Venue {
  return { id: v.id, name: v.name, timeZone: v.time_zone, feverThreshold: v.fever_threshold };
}

export class VenueService {
  constructor(private readonly store: Store) {}

  /** The venues an inspector is bound to, and nothing about anyone else. */
  async venuesOf(inspectorId: string): Promise<Venue[]> {
    return (await this.store.venues.venuesOfInspector(inspectorId)).map(toVenue);
  }

  /** Counts for one local day (YYYY-MM-DD in the venue's zone): latest record per person, fever by the venue's threshold. */
  async dailyCounts(venueId: string, day: string): Promise<DailyCounts> {
    const venue = await this.store.venues.getVenue(venueId);
    if (!venue) throw new NotFoundError(`No venue ${venueId}.`);
    return this.store.records.dailyCounts(venueId, day, venue.fever_threshold);
  }
}
