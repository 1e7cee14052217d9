// A 10,000-record backlog synced to the real server over loopback in batches of 500, the same
// backlog replayed (it must add 0 rows), and 10,000 other records sent one request per record:
// the ratio is what batching buys.

import { syncApi, type SyncResponse } from '../../shared/api/sync.js';
import type { CheckpointRecord } from '../../shared/records.js';
import { uuidv7 } from '../../shared/uuid.js';
import { ApiClient } from '../support/api.js';
import { countRows } from '../support/browser.js';
import { signedCode } from '../support/codes.js';
import type { TestServer } from '../support/server.js';
import { fmt, type BenchRow } from './table.js';

const VENUE = 'venue-demo';

async function makeRecords(n: number, inspectorId: string, codes: string[]): Promise<CheckpointRecord[]> {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: uuidv7(now - n + i),
    seq: i + 1,
    code: codes[i % codes.length]!,
    venueId: VENUE,
    inspectorId,
    temperature: 36 + (i % 30) / 10,
    verdict: 'green' as const,
    capturedAt: now - n + i,
  }));
}

async function send(client: ApiClient, deviceId: string, records: CheckpointRecord[], size: number): Promise<Map<string, number>> {
  const statuses = new Map<string, number>();
  for (let i = 0; i < records.length; i += size) {
    const res = await client.post(syncApi.checkpoints.path, { deviceId, batchId: uuidv7(), sentAt: Date.now(), records: records.slice(i, i + size) });
    if (res.status !== 200) throw new Error(`sync failed: ${res.status} ${await res.text()}`);
    for (const r of ((await res.json()) as SyncResponse).results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  return statuses;
}

export async function benchSync(server: TestServer, n = 10_000): Promise<BenchRow[]> {
  const client = new ApiClient(server.url);
  const inspector = await client.signIn('13800000001');
  const codes = await Promise.all(Array.from({ length: 200 }, (_, i) => signedCode(server.url, `测试${i}`)));
  const db = server.env.DATABASE_URL!;
  const rows: BenchRow[] = [];

  const backlog = await makeRecords(n, inspector.id, codes);
  let t = performance.now();
  const first = await send(client, 'bench-device-a', backlog, 500);
  const backlogMs = performance.now() - t;
  const stored = countRows(db, 'checkpoint_records');
  rows.push({
    what: `${fmt(n)}-record backlog, batches of 500 (HTTP, loopback)`,
    result: `${fmt(backlogMs / 1000, 2)} s`,
    budget: '≤ 5 s',
    note: `${fmt(stored)} rows stored, ${fmt(first.get('accepted') ?? 0)} accepted`,
  });

  t = performance.now();
  const replay = await send(client, 'bench-device-a', backlog, 500);
  const replayMs = performance.now() - t;
  rows.push({
    what: 'same backlog replayed',
    result: `${fmt(replayMs / 1000, 2)} s`,
    budget: '0 rows added',
    note: `${fmt(countRows(db, 'checkpoint_records') - stored)} rows added, ${fmt(replay.get('duplicate') ?? 0)} duplicates`,
  });

  const single = await makeRecords(n, inspector.id, codes);
  t = performance.now();
  await send(client, 'bench-device-b', single, 1);
  const singleMs = performance.now() - t;
  rows.push({
    what: `${fmt(n)} records, one request each`,
    result: `${fmt(singleMs / 1000, 2)} s`,
    note: `batching is ${fmt(singleMs / backlogMs, 1)}× faster`,
  });
  return rows;
}
