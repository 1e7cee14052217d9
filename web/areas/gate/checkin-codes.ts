// The gate's sunflower check-in codes (葵花码): fetched for the picked venue whenever the gate is
// online, held on the phone for the coming days, and today's shown as a QR link into the PWA.

import { computed, signal } from '@preact/signals';
import { checkinApi } from '../../../shared/api/checkin.js';
import { checkinLink } from '../../../shared/checkin.js';
import { localDay } from '../../../shared/time.js';
import { appDb } from '../../db/db.js';
import { heldCheckinCodes, saveCheckinCodes } from '../../db/checkins.js';
import { call } from '../../http.js';
import { venueId, venueRules } from './venues.js';

export const checkinCodes = signal<{ day: string; code: string }[]>([]);

/** Today's link (in the venue's zone), or null when the phone holds no code for today. */
export const todaysCheckinLink = computed(() => {
  const today = localDay(Date.now(), venueRules.value.timeZone);
  const found = checkinCodes.value.find((c) => c.day === today);
  return found ? checkinLink(location.origin, found.code) : null;
});

/** Loads the held codes of the picked venue, then asks for fresh ones (quietly keeping the held ones offline). */
export async function loadCheckinCodes(): Promise<void> {
  const id = venueId.value;
  if (!id) {
    checkinCodes.value = [];
    return;
  }
  const db = appDb();
  checkinCodes.value = await heldCheckinCodes(db, id);
  try {
    const { codes } = await call(checkinApi.codes, { params: { id }, timeoutMs: 10_000 });
    await saveCheckinCodes(db, id, codes);
    if (venueId.value === id) checkinCodes.value = codes;
  } catch {
    // Offline, or no longer bound: the held codes stay until their days pass.
  }
}
