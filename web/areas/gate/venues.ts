// Where the inspector records: the venues they are bound to (held on the phone, refreshed from the
// server) and the one picked. The picked venue's rules — its time zone and fever threshold — are
// what the gate's tally and fever mark use.

import { computed, signal } from '@preact/signals';
import { venuesApi, type Venue } from '../../../shared/api/venues.js';
import { DEFAULT_FEVER_THRESHOLD } from '../../../shared/records.js';
import { DEFAULT_TIME_ZONE } from '../../../shared/time.js';
import { sessionExpired } from '../../app/session.js';
import { appDb } from '../../db/db.js';
import type { VenueRules } from '../../db/outbox.js';
import { heldVenues, savePickedVenue, saveVenues } from '../../db/venues.js';
import { call, failureCode, type FailureCode } from '../../http.js';

export const venues = signal<Venue[]>([]);
export const venueId = signal<string | null>(null);
export const venuesError = signal<FailureCode | null>(null);

/** The picked venue's rules; the shared defaults until a venue is picked. */
export const venueRules = computed<VenueRules>(() => {
  const venue = venues.value.find((v) => v.id === venueId.value);
  return { timeZone: venue?.timeZone ?? DEFAULT_TIME_ZONE, feverThreshold: venue?.feverThreshold ?? DEFAULT_FEVER_THRESHOLD };
});

export async function loadVenues(): Promise<void> {
  const db = appDb();
  const held = await heldVenues(db);
  if (held.venues.length > 0) venues.value = held.venues;
  if (held.pickedId) venueId.value = held.pickedId;
  try {
    const { venues: fresh } = await call(venuesApi.mine, { timeoutMs: 10_000 });
    venues.value = fresh;
    venuesError.value = null;
    await saveVenues(db, fresh);
    const current = venueId.value;
    if (current && !fresh.some((v) => v.id === current)) venueId.value = null;
    if (!venueId.value && fresh.length === 1) await pickVenue(fresh[0]!.id);
  } catch (e) {
    const { code } = failureCode(e);
    venuesError.value = code;
    if (code === 'unauthenticated') sessionExpired.value = true;
  }
}

export async function pickVenue(id: string): Promise<void> {
  venueId.value = id || null;
  if (id) await savePickedVenue(appDb(), id);
}
