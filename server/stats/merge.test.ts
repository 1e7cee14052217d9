// Merge stores what a record counts as for statistics (sex, age band, local hour), derived on the
// server from the person's identity, and marks the day's counts for recounting.

import { beforeAll, beforeEach, expect, it } from 'vitest';
import { makeTestIssuer, T0, type TestIssuer } from '../../shared/testing.js';
import { fromBase64Url } from '../../shared/bytes.js';
import { CheckpointMerge } from '../checkpoints/merge.js';
import { HOUR, INSPECTOR, NOW, RecordMaker, seedVenues, testVerifier, VENUE } from '../testing/checkpoints.js';
import { describeStores } from '../testing/stores.js';
import { mainlandId } from '../testing/identity.js';

let issuer: TestIssuer;
const SUB_ID = 'aWQtcGVyc29u';
const SUB_NONE = 'bm8tZG9jdW1l';
const SUB_STRANGER = 'c3RyYW5nZXIx';
const codes: Record<string, string> = {};
beforeAll(async () => {
  issuer = await makeTestIssuer();
  for (const sub of [SUB_ID, SUB_NONE, SUB_STRANGER]) codes[sub] = await issuer.issue({ sub: fromBase64Url(sub) }, T0 - HOUR);
});

describeStores('merge for statistics', (store) => {
  let sync: CheckpointMerge;
  let make: RecordMaker;
  beforeEach(async () => {
    const s = store();
    await seedVenues(s);
    const person = (id: string, sub: string, document_no: string | null) =>
      s.people.createPerson({ id, sub, name: '某人', document_no, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await person('p-id', SUB_ID, mainlandId('1990-05-01', '124'));
    await person('p-none', SUB_NONE, null);
    sync = new CheckpointMerge(s, testVerifier(issuer), { now: () => NOW });
    make = new RecordMaker();
  });

  it('stores sex, age band and local hour — and no document number', async () => {
    const [a, b, c] = [make.record(codes[SUB_ID]!), make.record(codes[SUB_NONE]!), make.record(codes[SUB_STRANGER]!)];
    const res = await sync.mergeBatch(make.batch([a, b, c]), INSPECTOR);
    expect(res.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    // NOW − 10 min is 08:50 UTC: 16:50 in Shanghai.
    expect(await store().records.getRecord(a.id)).toMatchObject({ sub: SUB_ID, sex: 'female', age_band: '30-39', hour: 16, via: 'gate' });
    expect(await store().records.getRecord(b.id)).toMatchObject({ sex: null, age_band: null, hour: 16 });
    expect(await store().records.getRecord(c.id)).toMatchObject({ sex: null, age_band: null, hour: 16 });
    const stored = JSON.stringify(await store().records.allRecords());
    expect(stored).not.toContain(mainlandId('1990-05-01', '124'));
    expect(stored).not.toContain('某人');
  });

  it('marks the day changed once per merge that stores records, not for a replay', async () => {
    const r = make.record(codes[SUB_ID]!);
    const batch = make.batch([r]);
    await sync.mergeBatch(batch, INSPECTOR);
    expect(await store().stats.staleDays(VENUE, '2026-11-21', '2026-11-21')).toEqual(new Map([['2026-11-21', 1]]));
    await sync.mergeBatch(batch, INSPECTOR);
    expect(await store().stats.staleDays(VENUE, '2026-11-21', '2026-11-21')).toEqual(new Map([['2026-11-21', 1]]));
    await sync.mergeBatch(make.batch([make.record(codes[SUB_NONE]!)]), INSPECTOR);
    expect(await store().stats.staleDays(VENUE, '2026-11-21', '2026-11-21')).toEqual(new Map([['2026-11-21', 2]]));
  });
});
