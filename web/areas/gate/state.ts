// The gate's scan loop: check a code offline at the gate's anchored time, take a temperature, save
// it to the outbox under the picked venue's rules — or, for a scan that is not a genuine readable
// code, scan again or log a refused entry (not a check). A verdict is shown the moment verification
// finishes; "saved" only after the commit.

import { signal } from '@preact/signals';
import { verifyCode, type Verdict } from '../../../shared/code/verify.js';
import { MAX_TEMPERATURE, MIN_TEMPERATURE } from '../../../shared/records.js';
import { midScan } from '../../app/activity.js';
import { me } from '../../app/session.js';
import { appDb } from '../../db/db.js';
import { logRefused } from '../../db/gate-log.js';
import { addRecord, RecordInvalidError } from '../../db/outbox.js';
import { gateClock } from './clock.js';
import { redList, trustStore } from './lists.js';
import { policy } from './policy.js';
import type { GateKey } from './strings.js';
import { pokeSync } from './uploads.js';
import { isCheckable } from './verdicts.js';
import { venueId, venueRules } from './venues.js';

export interface Scan {
  /** Counts scans on this page: the same verdict twice is still two scans (and two announcements). */
  n: number;
  text: string;
  verdict: Verdict;
  /** The gate's anchored time of the check: the verdict's "now" and the record's capture time. */
  at: number;
}
export const scan = signal<Scan | null>(null);
export const tempText = signal('');
export const saving = signal(false);
/** What the last action was, so the screen can say "saved" or "refused entry logged" until the next scan. */
export const lastDone = signal<{ kind: 'saved' | 'refused'; at: number; temperature?: number } | null>(null);
export const gateError = signal<{ key: GateKey; params?: Record<string, string> } | null>(null);

let scans = 0;

/**
 * Verifies against what the device holds, at the gate's anchored time; never waits for the network.
 * `ignore`: a verdict to drop without touching the screen (the camera still seeing the same person).
 */
export async function checkCode(text: string, ignore?: (v: Verdict) => boolean): Promise<Verdict | undefined> {
  const trimmed = text.trim();
  if (!trimmed) {
    gateError.value = { key: 'gate.emptyCode' };
    return undefined;
  }
  const { now } = gateClock();
  const { acceptWithoutProof, liveToleranceMs, maxValidityHours } = policy.value;
  const verdict = await verifyCode(trimmed, trustStore.value, redList.value, now, { acceptWithoutProof, liveToleranceMs, ...(maxValidityHours ? { maxValidityHours } : {}) });
  if (ignore?.(verdict)) return undefined;
  scan.value = { n: ++scans, text: trimmed, verdict, at: now };
  tempText.value = '';
  lastDone.value = null;
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

/** "Next person" or "scan again": the scan is dropped, nothing is recorded. */
export function discardScan(): void {
  scan.value = null;
  tempText.value = '';
  gateError.value = null;
  midScan.value = false;
}

/** Validates, writes durably, and only then reports saved; returns whether it saved. Only a checkable scan is a check. */
export async function saveRecord(): Promise<boolean> {
  const current = scan.value;
  if (!current || saving.value || !isCheckable(current.verdict)) return false;
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
      // The record is of the moment the code was checked: the server re-verifies it at this time.
      current.at,
    );
    done({ kind: 'saved', at: Date.now(), temperature });
    pokeSync();
    return true;
  } catch (e) {
    if (e instanceof RecordInvalidError && e.field === 'temperature') return fail('temp.range');
    return fail('gate.saveError', { msg: e instanceof Error ? e.message : String(e) });
  } finally {
    saving.value = false;
  }
}

/** Logs the current (not checkable) scan as a refused entry on this phone: not a check, not in the tally. */
export async function logRefusal(): Promise<boolean> {
  const current = scan.value;
  if (!current || saving.value || isCheckable(current.verdict)) return false;
  if (!venueId.value) return fail('gate.pickVenue');
  saving.value = true;
  try {
    const codeTail = current.text.slice(-4);
    await logRefused(appDb(), { at: current.at, venueId: venueId.value, verdict: current.verdict.kind, codeTail }, venueRules.value.timeZone);
    done({ kind: 'refused', at: Date.now() });
    return true;
  } catch (e) {
    return fail('gate.saveError', { msg: e instanceof Error ? e.message : String(e) });
  } finally {
    saving.value = false;
  }
}

function done(what: NonNullable<typeof lastDone.value>): void {
  scan.value = null;
  tempText.value = '';
  gateError.value = null;
  midScan.value = false;
  lastDone.value = what;
}

function fail(key: GateKey, params?: Record<string, string>): false {
  gateError.value = { key, params };
  return false;
}
