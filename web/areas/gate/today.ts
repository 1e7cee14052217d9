// Today on this phone, for the inspector's list: the checks recorded (with what became of each)
// and the refused entries logged, "today" in the picked venue's time zone. Codes are shown masked:
// the masked name the code carries and the last few characters of its text, never the whole code.

import { effect, signal } from '@preact/signals';
import { decodeCbor } from '../../../shared/code/cbor.js';
import { claimsFromCbor } from '../../../shared/code/claims.js';
import { parseCodeText } from '../../../shared/code/code-text.js';
import { isPresentationText, parsePresentationText } from '../../../shared/code/presentation.js';
import { appDb, watch, type RefusedEntry } from '../../db/db.js';
import { checksToday, refusedToday, type LoggedCheck } from '../../db/gate-log.js';
import { venueRules } from './venues.js';

export const checks = signal<LoggedCheck[]>([]);
export const refused = signal<RefusedEntry[]>([]);

const names = new Map<string, string | null>();

/** The masked name a code carries (it is masked already), or null for text that is not a readable code. Remembered per text. */
export function maskedNameOf(text: string): string | null {
  let name = names.get(text);
  if (name !== undefined) return name;
  try {
    const sign1 = isPresentationText(text) ? parsePresentationText(text).sign1 : parseCodeText(text);
    name = claimsFromCbor(decodeCbor(sign1.payload)).maskedName;
  } catch {
    name = null;
  }
  if (names.size > 500) names.clear();
  names.set(text, name);
  return name;
}

/** "…K7Q2": enough to tell two entries apart, not enough to show or copy the code. */
export const codeTail = (text: string): string => `…${text.trim().slice(-4)}`;

/** Runs `query` for today in the picked venue's zone, again on every change (of the data or the zone). */
function watchToday<T>(query: (timeZone: string) => Promise<T>, onValue: (value: T) => void): () => void {
  return effect(() => {
    const { timeZone } = venueRules.value;
    return watch(() => query(timeZone), onValue);
  });
}

/** Today's refused entries (for the tally), while the gate is open: one small read per change. */
export function watchRefused(): () => void {
  const db = appDb();
  return watchToday((timeZone) => refusedToday(db, timeZone), (r) => (refused.value = r));
}

/**
 * Today's checks, only while the list is open: reading them again after every save would cost a
 * busy gate (100,000 records waiting) time it needs for the next person.
 */
export function watchChecks(): () => void {
  const db = appDb();
  return watchToday((timeZone) => checksToday(db, timeZone), (c) => (checks.value = c));
}
