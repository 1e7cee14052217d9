// Device preferences the inspector can change: the fever threshold. Kept in localStorage so the
// value is there synchronously on the first render.

import { signal } from '@preact/signals';
import { DEFAULT_FEVER_THRESHOLD, MAX_TEMPERATURE, MIN_TEMPERATURE } from '../../shared/records.js';

const FEVER_KEY = 'hg.feverThreshold';

function readThreshold(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(FEVER_KEY));
    if (n >= MIN_TEMPERATURE && n <= MAX_TEMPERATURE) return n;
  } catch {
    // Blocked storage: the default is the safe answer.
  }
  return DEFAULT_FEVER_THRESHOLD;
}

export const feverThreshold = signal<number>(readThreshold());

export function setFeverThreshold(value: number): void {
  if (!(value >= MIN_TEMPERATURE && value <= MAX_TEMPERATURE)) return;
  feverThreshold.value = Math.round(value * 10) / 10;
  try {
    globalThis.localStorage?.setItem(FEVER_KEY, String(feverThreshold.value));
  } catch {
    // Still applies for this visit.
  }
}
