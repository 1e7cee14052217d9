import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';
import type { KeyPopulationColumns, TestResultColumns } from './status.js';

// Text a PostgreSQL array literal must escape, and a SQLite parameter must keep as it is.
const AWKWARD = ['流调 "批次" 3', 'a,b', '{x}', 'back\\slash', "it's", 'NULL', ''];

const entries = (numbers: string[], note: (i: number) => string = (i) => AWKWARD[i % AWKWARD.length]!): KeyPopulationColumns => ({
  documentType: numbers.map(() => 'passport'),
  documentNumber: numbers,
  category: numbers.map(() => 'close-contact'),
  startDate: numbers.map(() => '2022-05-01'),
  endDate: numbers.map((_, i) => (i % 2 === 0 ? null : '2022-05-14')),
  sourceNote: numbers.map((_, i) => note(i)),
});

describeStores('status feed store', (store) => {
  it('bulk-inserts key-population rows column by column and reads them back exactly, nulls and quotes included', async () => {
    const s = store();
    const numbers = Array.from({ length: 12 }, (_, i) => `E${String(10000000 + i)}`);
    await s.transaction((tx) => tx.status.insertKeyPopulation('imp-1', entries(numbers)));
    const { entries: back } = await s.status.factsFor(numbers);
    expect(back.map((e) => [e.import_id, e.document_number, e.end_date, e.source_note])).toEqual(
      numbers.map((n, i) => ['imp-1', n, i % 2 === 0 ? null : '2022-05-14', AWKWARD[i % AWKWARD.length]]),
    );
  });

  it('bulk-inserts test results with their times as numbers, also outside a transaction', async () => {
    const s = store();
    const c: TestResultColumns = {
      documentType: ['passport', 'mainland-id'],
      documentNumber: ['E10000001', '11010519491231002X'],
      testKind: ['nucleic-acid', 'antibody'],
      result: ['negative', 'positive'],
      institution: ['广州市第一人民医院', 'Lab "B"'],
      sampledAt: [1_651_541_400_000, 1_651_541_400_001],
      reportedAt: [1_651_586_400_000, 1_651_586_400_001],
    };
    await s.status.insertTestResults('imp-2', c);
    const { tests } = await s.status.factsFor(c.documentNumber);
    expect(tests.map((t) => [t.document_number, t.institution, t.sampled_at, t.reported_at])).toEqual([
      ['E10000001', '广州市第一人民医院', 1_651_541_400_000, 1_651_586_400_000],
      ['11010519491231002X', 'Lab "B"', 1_651_541_400_001, 1_651_586_400_001],
    ]);
  });

  it('rolls a bulk insert back with its transaction', async () => {
    const s = store();
    await expect(
      s.transaction(async (tx) => {
        await tx.status.insertKeyPopulation('imp-3', entries(['E10000001', 'E10000002']));
        throw new Error('bad file');
      }),
    ).rejects.toThrow('bad file');
    expect((await s.status.factsFor(['E10000001', 'E10000002'])).entries).toEqual([]);
  });

  it('finds the people an import names, each once', async () => {
    const s = store();
    for (const [id, doc] of [['p1', 'E10000001'], ['p2', 'E10000002'], ['p3', 'E10000003']] as const) {
      await s.people.createPerson({ id, sub: `sub-${id}`, name: 'x', document_no: doc, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    }
    await s.status.insertKeyPopulation('imp-4', entries(['E10000002', 'E99999999', 'E10000001', 'E10000002']));
    expect(await s.status.peopleInImport('imp-4', 'key-population')).toEqual([
      { id: 'p1', document_no: 'E10000001' },
      { id: 'p2', document_no: 'E10000002' },
    ]);
  });
});

describeStores('red list and status, in bulk', (store) => {
  it('addMany lists as add() one by one would: new entries counted, listed ones keep the later expiry', async () => {
    const s = store();
    await s.redList.add('AAAAAAAAAAAAAAAA', 'p1', 1, 100);
    const added = await s.redList.addMany(
      [
        { entry: 'AAAAAAAAAAAAAAAA', personId: 'p1', expiresAt: 150 },
        { entry: 'BBBBBBBBBBBBBBBB', personId: 'p2', expiresAt: 120 },
        { entry: 'BBBBBBBBBBBBBBBB', personId: 'p2', expiresAt: 130 },
        { entry: 'CCCCCCCCCCCCCCCC', personId: 'p3', expiresAt: null },
      ],
      5,
    );
    expect(added).toBe(2);
    expect(await s.redList.expiryOf('AAAAAAAAAAAAAAAA')).toBe(150);
    expect(await s.redList.expiryOf('BBBBBBBBBBBBBBBB')).toBe(130);
    expect(await s.redList.expiryOf('CCCCCCCCCCCCCCCC')).toBeNull();
    const changes = await s.redList.changesBetween(0, await s.redList.version());
    expect(changes.map((c) => [c.entry.slice(0, 1), c.op, c.at])).toEqual([
      ['A', 'add', 1],
      ['B', 'add', 5],
      ['C', 'add', 5],
    ]);
    expect(await s.redList.addMany([], 6)).toBe(0);
  });

  it('removeMany unlists what is listed, logs each once, and ignores the rest', async () => {
    const s = store();
    await s.redList.addMany(Array.from({ length: 600 }, (_, i) => ({ entry: `E${String(i).padStart(15, '0')}`, personId: `p${i}`, expiresAt: null })), 1);
    const v = await s.redList.version();
    const gone = await s.redList.removeMany(['E000000000000003', 'nothing-listed-', 'E000000000000599', 'E000000000000003'], 2);
    expect(gone).toBe(2);
    expect(await s.redList.countEntries()).toBe(598);
    expect((await s.redList.changesBetween(v, await s.redList.version())).map((c) => [c.entry, c.op])).toEqual([
      ['E000000000000003', 'remove'],
      ['E000000000000599', 'remove'],
    ]);
  });

  it('setStatuses changes status, reason and until per person, or only until', async () => {
    const s = store();
    for (const id of ['p1', 'p2', 'p3']) {
      await s.people.createPerson({ id, sub: `sub-${id}`, name: 'x', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    }
    await s.people.setStatuses(
      [
        { id: 'p1', status: 'red', reason: 'close-contact', until: 100 },
        { id: 'p2', status: 'red', reason: 'close-contact', until: 100 },
        { id: 'p3', until: 70 },
      ],
      9,
    );
    const rows = new Map((await s.people.getPeople(['p1', 'p2', 'p3'])).map((p) => [p.id, p]));
    expect(rows.get('p1')).toMatchObject({ status: 'red', reason: 'close-contact', status_changed_at: 9, status_until: 100 });
    expect(rows.get('p2')).toMatchObject({ status: 'red', reason: 'close-contact', status_changed_at: 9, status_until: 100 });
    expect(rows.get('p3')).toMatchObject({ status: 'green', reason: 'none', status_changed_at: 1, status_until: 70 });
  });
});
