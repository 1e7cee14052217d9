// Test fixtures for code over IndexedDB (fake-indexeddb in vitest): a fresh database per test,
// closed when the test finishes, and a valid record draft. Never imported by application code.

import { onTestFinished } from 'vitest';
import { HgDb } from './db.js';
import type { RecordDraft } from './outbox.js';

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
