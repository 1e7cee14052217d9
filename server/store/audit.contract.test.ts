import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** The database under the store: these tests play someone who edits the audit table by hand. */
const rawDb = (s: Store) => (s.audit as unknown as { db: Kysely<Database> }).db;

async function appendSome(s: Store, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await s.audit.append({ at: 1000 + i, actor: `operator:op${i % 3}`, action: 'person.set-status', target: `person:p${i}`, detail: { to: i % 2 ? 'red' : 'green', n: i } });
}

describeStores('audit chain store', (store) => {
  it('chains every row to the one before and verifies an intact log', async () => {
    const s = store();
    expect(await s.audit.verify()).toEqual({ ok: true, checked: 0, head: null });
    await appendSome(s, 5);
    const rows = (await s.audit.recent()).reverse();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await s.audit.head()).toEqual({ seq: 5, hash: rows[4]!.hash });
    expect(await s.audit.verify(2)).toEqual({ ok: true, checked: 5, head: { seq: 5, hash: rows[4]!.hash } });
  });

  it('lines concurrent writers up: no two rows chain to the same head', async () => {
    const s = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.audit.append({ at: i, actor: 'system:t', action: 'x', target: '', detail: { i } })));
    expect(await s.audit.verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('drops the entry with a rolled-back transaction', async () => {
    const s = store();
    await appendSome(s, 2);
    await expect(
      s.transaction(async (tx) => {
        await tx.audit.append({ at: 5, actor: 'system:t', action: 'x', target: '', detail: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await appendSome(s, 1);
    expect(await s.audit.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('reports a tampered row', async () => {
    const s = store();
    await appendSome(s, 6);
    await rawDb(s).updateTable('audit_log').set({ detail: JSON.stringify({ to: 'green', n: 3 }) }).where('seq', '=', 3).execute();
    expect(await s.audit.verify()).toMatchObject({ ok: false, checked: 2, break: { reason: 'tampered', seq: 3 } });
  });

  it('reports a deleted row', async () => {
    const s = store();
    await appendSome(s, 6);
    await rawDb(s).deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect(await s.audit.verify()).toMatchObject({ ok: false, checked: 3, break: { reason: 'missing', seq: 4, found: 5 } });
  });

  it('reports a cut-off tail against the recorded head', async () => {
    const s = store();
    await appendSome(s, 6);
    await rawDb(s).deleteFrom('audit_log').where('seq', '=', 6).execute();
    expect(await s.audit.verify()).toMatchObject({ ok: false, break: { reason: 'missing', seq: 6 } });
  });

  it('reports two reordered rows', async () => {
    const s = store();
    await appendSome(s, 6);
    const db = rawDb(s);
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const [a, b] = [rows[2]!, rows[3]!];
    // Swap the contents of the rows stored 3rd and 4th: every row is intact, the order is not.
    const content = (r: typeof a) => ({ at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail, seq: r.seq, prev_hash: r.prev_hash, hash: r.hash });
    await db.updateTable('audit_log').set({ ...content(b), seq: -1 }).where('id', '=', a.id).execute();
    await db.updateTable('audit_log').set(content(a)).where('id', '=', b.id).execute();
    await db.updateTable('audit_log').set({ seq: b.seq }).where('id', '=', a.id).execute();
    expect(await s.audit.verify()).toMatchObject({ ok: false, checked: 2, break: { reason: 'reordered', seq: 3, found: 4 } });
  });
});
