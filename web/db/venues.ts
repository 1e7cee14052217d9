// The venues an inspector's phone holds and the one picked, so the gate works offline. Copies saved
// before venues carried their own rules get the defaults until the next refresh replaces them.

import type { Venue } from '../../shared/api/venues.js';
import { DEFAULT_FEVER_THRESHOLD } from '../../shared/records.js';
import { DEFAULT_TIME_ZONE } from '../../shared/time.js';
import { getMeta, setMeta, type HeldVenue, type HgDb } from './db.js';

/** A held venue with its rules filled in: the shared defaults stand in for fields an old copy lacks. */
export const withVenueDefaults = (v: HeldVenue): Venue => ({
  ...v,
  timeZone: v.timeZone ?? DEFAULT_TIME_ZONE,
  feverThreshold: v.feverThreshold ?? DEFAULT_FEVER_THRESHOLD,
});

export async function heldVenues(db: HgDb): Promise<{ venues: Venue[]; pickedId: string | null }> {
  const [held, picked] = await Promise.all([getMeta(db, 'venues'), getMeta(db, 'venueId')]);
  return { venues: (held ?? []).map(withVenueDefaults), pickedId: picked ?? null };
}

export async function saveVenues(db: HgDb, venues: Venue[]): Promise<void> {
  await setMeta(db, 'venues', venues);
}

export async function savePickedVenue(db: HgDb, id: string): Promise<void> {
  await setMeta(db, 'venueId', id);
}
