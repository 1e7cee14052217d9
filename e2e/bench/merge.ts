// Server merge throughput, in process: 10,000 records in batches of 500 through the real
// CheckpointMerge with the server's real verifier (every signature re-checked), on SQLite and on
// PostgreSQL; then the same batches replayed, which must add no row. Every record carries its own
// code (as at a real gate, where each person is scanned once), so no verification is cached.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from '../../shared/bytes.js';
import { issueCode } from '../../shared/code/issue.js';
import { maskName } from '../../shared/names.js';
import type { CheckpointRecord, SyncBatch } from '../../shared/records.js';
import { uuidv7 } from '../../shared/uuid.js';
import { userActor, type OperatorActor } from '../../server/auth/actor.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/main.js';
import { connect } from '../../server/store/connect.js';
import { createStore, type Store } from '../../server/store/store.js';
import { fmt, type BenchRow } from './table.js';

const N = 10_000;
const BATCH = 500;

async function runOn(label: string, url: string, schema?: string): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-'));
  const store: Store = createStore(await connect({ url: url === 'sqlite' ? join(dataDir, 'bench.sqlite') : url, ...(schema ? { schema } : {}) }));
  try {
    const config = loadConfig({ HG_DATA_DIR: dataDir, NODE_ENV: 'test' });
    // The merge alone: its days' counts are made again by the recounter, which the stats bench measures.
    const services = buildServices(config, store, { log: () => {}, recountDelayMs: 'manual' });
    const bench: OperatorActor = { kind: 'operator', name: 'bench' };
    await services.keys.ensureKeys(bench);
    const now = Date.now();
    await store.accounts.createUser({ id: 'bench-inspector', phone: '+8613800009999', role: 'inspector', person_id: null, created_at: now });
    await store.venues.createVenue({ id: 'bench-venue', name: 'Bench', created_at: now });
    // Bound since a day before: every record below is captured while bound.
    await store.venues.bindInspector('bench-inspector', 'bench-venue', now - 86_400_000);

    const signer = await services.keys.signer();
    const iat = Math.floor(now / 1000) - 60;
    const codes = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        issueCode(
          { iss: config.issuer, iat, exp: iat + 72 * 3600, cti: randomBytes(8), sub: randomBytes(8), status: 'green', reason: 'none', maskedName: maskName(`人${i}号`), kind: 'resident' },
          signer,
        ),
      ),
    );
    const records: CheckpointRecord[] = Array.from({ length: N }, (_, i) => ({
      id: uuidv7(now - N + i),
      seq: i + 1,
      code: codes[i % codes.length]!,
      venueId: 'bench-venue',
      inspectorId: 'bench-inspector',
      temperature: 36 + (i % 20) / 10,
      verdict: 'green',
      capturedAt: now - N + i,
    }));
    const batches: SyncBatch[] = [];
    for (let i = 0; i < N; i += BATCH) batches.push({ deviceId: 'bench-device', batchId: uuidv7(), sentAt: now, records: records.slice(i, i + BATCH) });
    const inspector = userActor('bench-inspector', 'inspector', null);

    let t = performance.now();
    let accepted = 0;
    for (const b of batches) accepted += (await services.checkpoints.mergeBatch(b, inspector)).results.filter((r) => r.status === 'accepted').length;
    const mergeMs = performance.now() - t;
    const rows = await store.records.countRecords();

    t = performance.now();
    for (const b of batches) await services.checkpoints.mergeBatch(b, inspector);
    const replayMs = performance.now() - t;
    const after = await store.records.countRecords();
    return [
      {
        what: `merge with re-verification, ${label}`,
        result: `${fmt((N / mergeMs) * 1000)} records/s`,
        budget: label === 'SQLite' ? '≥ 5,000/s' : '≥ 3,000/s',
        note: `${fmt(N)} records in batches of ${BATCH}: ${fmt(accepted)} accepted, ${fmt(rows)} rows`,
      },
      {
        what: `replay the same batches, ${label}`,
        result: `${fmt((N / replayMs) * 1000)} records/s`,
        budget: '0 rows added',
        note: `${fmt(after - rows)} rows added`,
      },
    ];
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchMerge(postgresUrl: string | undefined): Promise<BenchRow[]> {
  const rows = await runOn('SQLite', 'sqlite');
  if (!postgresUrl) return [...rows, { what: 'merge, PostgreSQL', result: 'skipped', note: 'set TEST_DATABASE_URL' }];
  const schema = `bench_${Date.now().toString(36)}`;
  try {
    rows.push(...(await runOn('PostgreSQL', postgresUrl, schema)));
  } finally {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  return rows;
}
