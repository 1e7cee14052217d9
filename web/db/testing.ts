// Test fixtures for code over IndexedDB (fake-indexeddb in vitest): a fresh database per test,
// closed when the test finishes, a valid record draft and a venue's rules. Never imported by application code.

import { onTestFinished } from 'vitest';
import { DEFAULT_FEVER_THRESHOLD } from '../../shared/records.js';
import { DEFAULT_TIME_ZONE } from '../../shared/time.js';
import { HgDb } from './db.js';
import type { RecordDraft, VenueRules } from './outbox.js';

let n = 0;

/** A new database (a fresh name unless one is given, to reopen it); closed after the test. */
export function freshDb(name = `hg-test-${++n}-${Math.random()}`): HgDb {
  const db = new HgDb(name);
  onTestFinished(() => db.close());
  return db;
}

export const draft = (over: Partial<RecordDraft> = {}): RecordDraft => ({
  code: 'HG1:ABC',
  venueId: 'venue-1',
  inspectorId: 'insp-1',
  temperature: 36.5,
  verdict: 'green',
  ...over,
});

/** A venue with the default rules: Asia/Shanghai days, fever from 37.3 °C. */
export const testVenue: VenueRules = { timeZone: DEFAULT_TIME_ZONE, feverThreshold: DEFAULT_FEVER_THRESHOLD };
