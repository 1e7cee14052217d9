// Test fixtures for server tests: a settable clock and a key ring over a throw-away data dir.
// Never imported by application code.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { T0 } from '../../shared/testing.js';
import { KeyFiles } from '../keys/files.js';
import { KeyRing } from '../keys/keyring.js';
import type { Store } from '../store/store.js';

export class TestClock {
  constructor(public t: number = T0) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A data dir removed when the running test finishes. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A key ring with its keys made, re-reading the store on every call (as if always stale). */
export async function testKeyRing(store: Store, clock: TestClock, dataDir = tempDataDir()): Promise<KeyRing> {
  const ring = new KeyRing(store, new KeyFiles(dataDir), { now: clock.now, recheckMs: 0 });
  await ring.ensureKeys();
  return ring;
}
