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

let stop: (() => void) | undefined;

/** Watches today's list while the gate is open; idempotent. Returns the stop function. */
export function watchToday(): () => void {
  if (stop) return stop;
  const db = appDb();
  const stopEffect = effect(() => {
    const { timeZone } = venueRules.value;
    const a = watch(() => checksToday(db, timeZone), (c) => (checks.value = c));
    const b = watch(() => refusedToday(db, timeZone), (r) => (refused.value = r));
    return () => {
      a();
      b();
    };
  });
  stop = () => {
    stopEffect();
    stop = undefined;
  };
  return stop;
}
