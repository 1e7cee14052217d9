// Test fixtures for the checkpoint merge tests (service, property and route): a real issuer and verifier, a
// seeded venue and inspector, and a record builder. Never imported by application code.

import { decodeBase45, encodeBase45 } from '../../shared/code/base45.js';
import { CODE_PREFIX, verifyCode } from '../../shared/code/verify.js';
import type { CheckpointRecord, SyncBatch } from '../../shared/records.js';
import type { RedList } from '../../shared/redlist.js';
import { T0, type TestIssuer } from '../../shared/testing.js';
import { uuidv7 } from '../../shared/uuid.js';
import { userActor, type UserActor } from '../auth/actor.js';
import type { CodeVerifier } from '../lists/verifier.js';
import type { Store } from '../store/store.js';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** The server's clock in the sync tests: an hour after the test issuer's T0. */
export const NOW = T0 + HOUR;

export const INSPECTOR: UserActor = userActor('insp-1', 'inspector', null);
export const OTHER_INSPECTOR: UserActor = userActor('insp-2', 'inspector', null);
export const VENUE = 'venue-1';
/** A venue that exists but that INSPECTOR is not bound to. */
export const OTHER_VENUE = 'venue-2';

/** A verifier over the shared verifyCode with the issuer's trust store and a fresh, empty red list. */
export function testVerifier(issuer: TestIssuer, redList?: RedList): CodeVerifier {
  const list = redList ?? { version: 1, issuedAt: T0, salt: 'test-salt', entries: new Set<string>() };
  return { verify: (text, now) => verifyCode(text, issuer.trust, list, now) };
}

export async function seedVenues(store: Store): Promise<void> {
  for (const [i, u] of [INSPECTOR, OTHER_INSPECTOR].entries()) {
    await store.accounts.createUser({ id: u.id, phone: `+861380000000${i + 1}`, role: 'inspector', person_id: null, created_at: T0 });
  }
  await store.venues.createVenue({ id: VENUE, name: 'Demo Mall', created_at: T0 });
  await store.venues.createVenue({ id: OTHER_VENUE, name: 'Other Hall', created_at: T0 });
  // Bound since before the oldest capture time a merge accepts (7 days): records count only when captured while bound.
  await store.venues.bindInspector(INSPECTOR.id, VENUE, T0 - 8 * DAY);
  await store.venues.bindInspector(OTHER_INSPECTOR.id, OTHER_VENUE, T0 - 8 * DAY);
}

/** The same code with one bit of its signature flipped: structurally fine, cryptographically not. */
export function forge(code: string): string {
  const bytes = decodeBase45(code.slice(CODE_PREFIX.length));
  bytes[bytes.length - 1]! ^= 0x01;
  return CODE_PREFIX + encodeBase45(bytes);
}

/** Builds records for one device with increasing sequence numbers. */
export class RecordMaker {
  private seq = 0;
  constructor(readonly deviceId = 'device-1') {}

  record(code: string, over: Partial<CheckpointRecord> = {}): CheckpointRecord {
    const capturedAt = over.capturedAt ?? NOW - 10 * 60_000;
    this.seq += 1;
    return {
      id: uuidv7(capturedAt),
      seq: this.seq,
      code,
      venueId: VENUE,
      inspectorId: INSPECTOR.id,
      temperature: 36.5,
      verdict: 'green',
      capturedAt,
      ...over,
    };
  }

  batch(records: CheckpointRecord[], over: Partial<SyncBatch> = {}): SyncBatch {
    return { deviceId: this.deviceId, batchId: uuidv7(NOW), sentAt: NOW, records, ...over };
  }
}
