import { expect, it } from 'vitest';
import { fromBase64Url } from '../../shared/bytes.js';
import { redListEntry } from '../../shared/redlist.js';
import { RedListService } from '../lists/redlist.js';
import type { Store } from '../store/store.js';
import { describeStores } from '../testing/stores.js';
import { testKeyRing, TestClock, TEST_ACTOR } from '../testing/server.js';
import { ImportService, StatusSweeper } from './import.js';

const HOUR = 3600_000;
const VALIDITY = 72 * HOUR;

async function setup(store: Store) {
  const clock = new TestClock();
  // 2022-05-05T12:00+08:00: inside the entries below.
  clock.t = Date.parse('2022-05-05T04:00:00Z');
  const keys = await testKeyRing(store, clock);
  const redList = new RedListService(store, keys, { now: clock.now, recheckMs: 0 });
  const person = (id: string, sub: string, doc: string, status: 'green' | 'red' = 'green', reason = 'none') =>
    store.people.createPerson({ id, sub, name: '张三', document_no: doc, status, reason, status_changed_at: 1, created_at: 1 });
  await person('p-a', 'c3ViLWEtMDE', 'E10000001');
  await person('p-b', 'c3ViLWItMDE', 'E10000002');
  await person('p-c', 'c3ViLWMtMDE', 'E10000003', 'red', 'close-contact');
  const options = { maxCodeValidityMs: VALIDITY, now: clock.now };
  return { clock, redList, imports: new ImportService(store, redList, options), sweeper: new StatusSweeper(store, redList, options) };
}

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const KP_HEADER = 'documentType,documentNumber,category,startDate,endDate,sourceNote';
const kp = (doc: string, category = 'close-contact', start = '2022-05-01', end = '2022-05-14') => `passport,${doc},${category},${start},${end},CDC 流调`;
const TR_HEADER = 'documentType,documentNumber,testKind,result,institution,sampledAt,reportedAt';
const tr = (doc: string, result: string, sampled: string) => `passport,${doc},nucleic-acid,${result},Lab A,${sampled},${sampled.replace('T09', 'T21')}`;

describeStores('status feed imports', (store) => {
  it('turns listed people red at once, red-lists them with an expiry, and records events, import and audit', async () => {
    const s = store();
    const { imports, redList, clock } = await setup(s);
    const salt = await redList.salt();
    const before = await s.redList.version();
    const out = await imports.import({ feed: 'key-population', format: 'csv', input: bytes([KP_HEADER, kp('E10000001'), kp('E99999999'), ''].join('\n')), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    expect(out.report).toMatchObject({ applied: true, accepted: 2, rejected: 0 });
    expect(out.changes).toMatchObject({ statusChanges: 1, redListAdded: 1, redListRemoved: 0 });
    expect(await s.people.getPerson('p-a')).toMatchObject({ status: 'red', reason: 'close-contact', status_until: Date.parse('2022-05-14T16:00:00Z') });
    const entry = redListEntry(salt, fromBase64Url('c3ViLWEtMDE'));
    expect(await s.redList.entries()).toEqual([entry]);
    expect(await s.redList.expiryOf(entry)).toBe(clock.t + VALIDITY + 5 * 60_000);
    expect(await s.redList.version()).toBeGreaterThan(before);
    expect(await s.status.events('p-a')).toMatchObject([{ from_status: 'green', status: 'red', reason: 'close-contact', cause: `import:${out.id}`, actor: 'operator:test' }]);
    expect(await s.status.getImport(out.id)).toMatchObject({ feed: 'key-population', applied: 1, accepted: 2, status_changes: 1, red_list_added: 1 });
    const [audit] = await s.audit.recent(1);
    expect(audit).toMatchObject({ action: 'status.import', target: `import:${out.id}` });
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it('changes nothing for a file with one bad row, and reports the row', async () => {
    const s = store();
    const { imports } = await setup(s);
    const version = await s.redList.version();
    const out = await imports.import({ feed: 'key-population', format: 'csv', input: bytes([KP_HEADER, kp('E10000001'), kp('E10000002', 'cousin'), ''].join('\n')), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    expect(out.report).toMatchObject({ applied: false, accepted: 1, rejected: 1, rejectedRows: [{ line: 3, errors: [{ field: 'category', problem: 'not-in-list' }] }] });
    expect(out.changes).toMatchObject({ statusChanges: 0, redListAdded: 0 });
    expect(await s.people.getPerson('p-a')).toMatchObject({ status: 'green' });
    expect(await s.redList.version()).toBe(version);
    expect(await s.status.factsFor(['E10000001'])).toEqual({ tests: [], entries: [] });
    expect(await s.status.getImport(out.id)).toMatchObject({ applied: 0, rejected: 1 });
  });

  it('changes nothing for an unreadable file', async () => {
    const s = store();
    const { imports } = await setup(s);
    const out = await imports.import({ feed: 'key-population', format: 'csv', input: bytes(`${KP_HEADER}\n${kp('E10000001')}\n"unclosed`), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    expect(out.report.applied).toBe(false);
    expect(out.report.fileError).toBeDefined();
    expect(await s.people.getPerson('p-a')).toMatchObject({ status: 'green' });
  });

  it('reports in a dry run what would change, and changes nothing', async () => {
    const s = store();
    const { imports } = await setup(s);
    const out = await imports.import({ feed: 'key-population', format: 'ndjson', input: bytes(`${JSON.stringify({ documentType: 'passport', documentNumber: 'E10000002', category: 'home-quarantine', startDate: '2022-05-01', sourceNote: 'x' })}\n`), dryRun: true, channel: 'cli', actor: TEST_ACTOR });
    expect(out.report).toMatchObject({ dryRun: true, applied: false, accepted: 1 });
    expect(out.changes).toMatchObject({ statusChanges: 1, redListAdded: 1 });
    expect(await s.people.getPerson('p-b')).toMatchObject({ status: 'green' });
    expect(await s.redList.entries()).toEqual([]);
    expect(await s.status.events('p-b')).toEqual([]);
  });

  it('clears a positive by two negatives a day apart: off the red list again', async () => {
    const s = store();
    const { imports, clock } = await setup(s);
    const run = (lines: string[]) => imports.import({ feed: 'test-results', format: 'csv', input: bytes([TR_HEADER, ...lines, ''].join('\n')), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    await run([tr('E10000002', 'positive', '2022-05-01T09:00:00+08:00')]);
    expect(await s.people.getPerson('p-b')).toMatchObject({ status: 'red', reason: 'positive-test' });
    expect(await s.redList.countEntries()).toBe(1);
    clock.t += HOUR;
    const out = await run([tr('E10000002', 'negative', '2022-05-02T09:00:00+08:00'), tr('E10000002', 'negative', '2022-05-03T09:00:00+08:00')]);
    expect(out.changes).toMatchObject({ statusChanges: 1, redListRemoved: 1 });
    expect(await s.people.getPerson('p-b')).toMatchObject({ status: 'green', reason: 'none' });
    expect(await s.redList.countEntries()).toBe(0);
    expect((await s.status.events('p-b')).map((e) => `${e.from_status}→${e.status}`)).toEqual(['green→red', 'red→green']);
  });

  it('sweeps: a quarantine that ends turns the person green; an entry expires once its codes have', async () => {
    const s = store();
    const { imports, sweeper, clock } = await setup(s);
    await imports.import({ feed: 'key-population', format: 'csv', input: bytes([KP_HEADER, kp('E10000001', 'home-quarantine', '2022-05-01', '2022-05-05'), ''].join('\n')), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    await imports.import({ feed: 'key-population', format: 'csv', input: bytes([KP_HEADER, kp('E10000002', 'close-contact', '2022-05-01', '2022-06-30'), ''].join('\n')), dryRun: false, channel: 'cli', actor: TEST_ACTOR });
    expect(await s.redList.countEntries()).toBe(2);
    expect(await sweeper.sweep(TEST_ACTOR)).toMatchObject({ expired: 0, statusChanges: 0 });
    clock.t = Date.parse('2022-05-05T16:00:00Z'); // midnight after the last day, local time
    expect(await sweeper.sweep(TEST_ACTOR)).toMatchObject({ statusChanges: 1, redListRemoved: 1, expired: 0 });
    expect(await s.people.getPerson('p-a')).toMatchObject({ status: 'green', status_until: null });
    // p-b is still in quarantine, but every code issued before the change has expired by now.
    clock.t = Date.parse('2022-05-05T04:00:00Z') + VALIDITY + 5 * 60_000;
    expect(await sweeper.sweep(TEST_ACTOR)).toMatchObject({ expired: 1, statusChanges: 0 });
    expect(await s.redList.countEntries()).toBe(0);
    expect(await s.people.getPerson('p-b')).toMatchObject({ status: 'red' });
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps the national platform\'s latest state on each person it names, never changing the local code', async () => {
    const s = store();
    const { imports } = await setup(s);
    const header = 'documentType,documentNumber,state,asOf';
    const run = (lines: string[], dryRun = false) =>
      imports.import({ feed: 'national-state', format: 'csv', input: bytes([header, ...lines, ''].join('\n')), dryRun, channel: 'cli', actor: TEST_ACTOR });
    const dry = await run(['passport,E10000001,red,2022-05-05T08:00:00+08:00'], true);
    expect(dry.report).toMatchObject({ dryRun: true, applied: false, accepted: 1 });
    expect(await s.people.getPerson('p-a')).toMatchObject({ national_state: null, national_state_at: null });
    const out = await run([
      'passport,E10000001,red,2022-05-05T08:00:00+08:00',
      // Older by its own time, though it comes later in the file: the 08:00 state stays the latest.
      'passport,E10000001,green,2022-05-04T08:00:00+08:00',
      'passport,E10000003,green,2022-05-05T09:00:00+08:00',
      'passport,E99999999,yellow,2022-05-05T09:00:00+08:00',
    ]);
    expect(out.report).toMatchObject({ applied: true, accepted: 4 });
    expect(out.changes).toMatchObject({ statusChanges: 0, redListAdded: 0, redListRemoved: 0 });
    expect(await s.people.getPerson('p-a')).toMatchObject({ status: 'green', national_state: 'red', national_state_at: Date.parse('2022-05-05T00:00:00Z') });
    expect(await s.people.getPerson('p-c')).toMatchObject({ status: 'red', reason: 'close-contact', national_state: 'green' });
    expect(await s.people.getPerson('p-b')).toMatchObject({ national_state: null });
    expect(await s.status.events('p-a')).toEqual([]);
    // A later state replaces it; a bad row changes nothing.
    const bad = await run(['passport,E10000001,blue,2022-05-05T10:00:00+08:00']);
    expect(bad.report).toMatchObject({ applied: false, rejected: 1, rejectedRows: [{ line: 2, errors: [{ field: 'state', problem: 'not-in-list' }] }] });
    await run(['passport,E10000001,green,2022-05-05T10:00:00+08:00']);
    expect(await s.people.getPerson('p-a')).toMatchObject({ national_state: 'green', national_state_at: Date.parse('2022-05-05T02:00:00Z') });
  });
});
