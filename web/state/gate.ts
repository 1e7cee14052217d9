// The gate's scan loop: pick a venue, check a code offline, take a temperature, save it to the
// outbox. A verdict is shown the moment verification finishes; "saved" only after the commit.

import { signal } from '@preact/signals';
import { API, type Venue, type VenuesResponse } from '../../shared/api.js';
import { verifyCode, type Verdict } from '../../shared/code/verify.js';
import { MAX_TEMPERATURE, MIN_TEMPERATURE } from '../../shared/records.js';
import { appDb, getMeta, setMeta } from '../db/db.js';
import { addRecord, RecordInvalidError } from '../db/outbox.js';
import { failureCode, requestJson } from '../http.js';
import type { MessageKey } from '../i18n/index.js';
import { midScan } from './activity.js';
import { redList, trustStore } from './lists.js';
import { feverThreshold } from './prefs.js';
import { me, sessionExpired } from './session.js';
import { pokeSync } from './uploads.js';

export const venues = signal<Venue[]>([]);
export const venueId = signal<string | null>(null);
export const venuesError = signal<string | null>(null);

export interface Scan {
  text: string;
  verdict: Verdict;
  at: number;
}
export const scan = signal<Scan | null>(null);
export const tempText = signal('');
export const saving = signal(false);
/** When the last record was saved; cleared by the next scan so "saved" always means this one. */
export const savedAt = signal<number | null>(null);
export const gateError = signal<{ key: MessageKey; params?: Record<string, string> } | null>(null);

export async function loadVenues(): Promise<void> {
  const db = appDb();
  const [held, picked] = await Promise.all([getMeta(db, 'venues'), getMeta(db, 'venueId')]);
  if (held) venues.value = held;
  if (picked) venueId.value = picked;
  try {
    const { venues: fresh } = await requestJson<VenuesResponse>(API.venues, { timeoutMs: 10_000 });
    venues.value = fresh;
    venuesError.value = null;
    await setMeta(db, 'venues', fresh);
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
  if (id) await setMeta(appDb(), 'venueId', id);
}

/** Verifies against what the device holds; never waits for the network. */
export async function checkCode(text: string): Promise<Verdict | undefined> {
  const trimmed = text.trim();
  if (!trimmed) {
    gateError.value = { key: 'gate.emptyCode' };
    return undefined;
  }
  const verdict = await verifyCode(trimmed, trustStore.value, redList.value, Date.now());
  scan.value = { text: trimmed, verdict, at: Date.now() };
  tempText.value = '';
  savedAt.value = null;
  gateError.value = null;
  midScan.value = true;
  return verdict;
}

/**
 * The keypad: two digits, a point, one decimal. Three taps are enough: 3, 6, 5 reads 36.5 (the point
 * is put in), and a digit after a complete value starts a new one.
 */
export function pressKey(key: string): void {
  const t = tempText.value;
  if (key === 'back') tempText.value = t.slice(0, -1);
  else if (key === '.') tempText.value = t.includes('.') ? t : `${t || '0'}.`;
  else if (/^\d$/.test(key)) {
    const [whole = '', frac] = t.split('.');
    if (frac !== undefined && frac.length >= 1) tempText.value = key;
    else if (frac === undefined && whole.length >= 2) tempText.value = `${t}.${key}`;
    else tempText.value = t + key;
  }
  gateError.value = null;
}

export function setTempText(value: string): void {
  tempText.value = value.replace(',', '.').replace(/[^\d.]/g, '');
  gateError.value = null;
}

export function parseTemperature(text: string): number | null {
  if (!/^\d{2}(\.\d?)?$/.test(text.trim())) return null;
  return Number(text);
}

export function discardScan(): void {
  scan.value = null;
  tempText.value = '';
  gateError.value = null;
  midScan.value = false;
}

/** Validates, writes durably, and only then reports saved; returns whether it saved. */
export async function saveRecord(): Promise<boolean> {
  const current = scan.value;
  if (!current || saving.value) return false;
  const user = me.value;
  if (!venueId.value) return fail('gate.pickVenue');
  if (!user) return fail('session.expired');
  if (!tempText.value.trim()) return fail('temp.required');
  const temperature = parseTemperature(tempText.value);
  if (temperature === null || temperature < MIN_TEMPERATURE || temperature > MAX_TEMPERATURE) return fail('temp.range');
  saving.value = true;
  try {
    await addRecord(
      appDb(),
      { code: current.text, venueId: venueId.value, inspectorId: user.id, temperature, verdict: current.verdict.kind },
      { feverThreshold: feverThreshold.value },
    );
    scan.value = null;
    tempText.value = '';
    gateError.value = null;
    midScan.value = false;
    savedAt.value = Date.now();
    pokeSync();
    return true;
  } catch (e) {
    if (e instanceof RecordInvalidError && e.field === 'temperature') return fail('temp.range');
    return fail('gate.saveError', { msg: e instanceof Error ? e.message : String(e) });
  } finally {
    saving.value = false;
  }
}

function fail(key: MessageKey, params?: Record<string, string>): false {
  gateError.value = { key, params };
  return false;
}
