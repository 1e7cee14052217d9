// Venues: what an inspector's device needs to know about the venues it records for, and the daily
// counts of a venue — by the venue's own day and its own fever threshold.

import type { Venue } from '../../shared/api/venues.js';
import { NotFoundError } from '../../shared/errors.js';
import type { DailyCounts } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { VenueRow } from '../store/venues.js';
import { toInspectorVenue, VenueBindings } from './bindings.js';
import { CheckinService, type CheckinDeps } from './checkins.js';
import { VenueManagement } from './manager.js';

export function toVenue(v: VenueRow): Venue {
  return { id: v.id, name: v.name, timeZone: v.time_zone, feverThreshold: v.fever_threshold };
}

export class VenueService {
  /** A manager's own venue: register, edit weekly, inspectors, hand-over. */
  readonly management: VenueManagement;
  /** Inspectors binding by declaration code and leaving. */
  readonly bindings: VenueBindings;
  /** Sunflower check-in codes and visitors' check-ins; absent where no key ring is at hand (store-only tests). */
  readonly checkins: CheckinService | undefined;

  constructor(
    private readonly store: Store,
    now: () => number = Date.now,
    checkinDeps?: CheckinDeps,
  ) {
    this.management = new VenueManagement(store, now);
    this.bindings = new VenueBindings(store, now);
    this.checkins = checkinDeps ? new CheckinService(store, checkinDeps, now) : undefined;
  }

  /** The venues an inspector is bound to (with their own tag there), and nothing about anyone else. */
  async venuesOf(inspectorId: string): Promise<Venue[]> {
    return (await this.store.venues.venuesOfInspector(inspectorId)).map((v) => toInspectorVenue(v, inspectorId));
  }

  /** Counts for one local day (YYYY-MM-DD in the venue's zone): latest record per person, fever by the venue's threshold. */
  async dailyCounts(venueId: string, day: string): Promise<DailyCounts> {
    const venue = await this.store.venues.getVenue(venueId);
    if (!venue) throw new NotFoundError(`No venue ${venueId}.`);
    return this.store.records.dailyCounts(venueId, day, venue.fever_threshold);
  }
}
