// The gate's scan loop: check a code offline, take a temperature, save it to the outbox under the
// picked venue's rules. A verdict is shown the moment verification finishes; "saved" only after the commit.

import { signal } from '@preact/signals';
import { verifyCode, type Verdict } from '../../../shared/code/verify.js';
import { MAX_TEMPERATURE, MIN_TEMPERATURE } from '../../../shared/records.js';
import { midScan } from '../../app/activity.js';
import { me } from '../../app/session.js';
import { appDb } from '../../db/db.js';
import { addRecord, RecordInvalidError } from '../../db/outbox.js';
import { redList, trustStore } from './lists.js';
import type { GateKey } from './strings.js';
import { pokeSync } from './uploads.js';
import { venueId, venueRules } from './venues.js';

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
export const gateError = signal<{ key: GateKey; params?: Record<string, string> } | null>(null);

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
  if (!user) return fail('gate.sessionExpired');
  if (!tempText.value.trim()) return fail('temp.required');
  const temperature = parseTemperature(tempText.value);
  if (temperature === null || temperature < MIN_TEMPERATURE || temperature > MAX_TEMPERATURE) return fail('temp.range');
  saving.value = true;
  try {
    await addRecord(
      appDb(),
      { code: current.text, venueId: venueId.value, inspectorId: user.id, temperature, verdict: current.verdict.kind },
      venueRules.value,
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

function fail(key: GateKey, params?: Record<string, string>): false {
  gateError.value = { key, params };
  return false;
}
