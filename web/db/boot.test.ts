import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { MyCode } from '../../shared/api/people.js';
import type { Me } from '../../shared/api/auth.js';
import { readBootRows } from './boot.js';
import { saveCode } from './codes.js';
import { HgDb, setMeta } from './db.js';
import { DB_NAME } from './name.js';
import { freshDb } from './testing.js';

const code = (maskedName: string): MyCode => ({ text: 'HG1:X', status: 'green', reason: 'none', kind: 'resident', maskedName, issuedAt: 0, expiresAt: 1000 });
const person = (id: string): Me => ({ id, role: 'holder', maskedName: '张*明' }) as Me;

async function exists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

describe('the start-up read (without Dexie)', () => {
  it('reads who is signed in and their own saved code, not a member’s', async () => {
    const db = freshDb();
    await setMeta(db, 'me', person('u1'));
    await saveCode(db, 'u1:child', code('张*宝'), 5);
    await saveCode(db, 'u1', code('张*明'), 7, 'key-1', { size: 21, d: 'M0 0h7' });
    db.close();
    const rows = await readBootRows(db.name);
    expect(rows.me?.id).toBe('u1');
    expect(rows.code).toMatchObject({ userId: 'u1', fetchedAt: 7, deviceKey: 'key-1', qr: { size: 21 }, code: { maskedName: '张*明' } });
  });

  it('says "none saved" (null) for a signed-in account without a code, and nothing for a signed-out device', async () => {
    const db = freshDb();
    await setMeta(db, 'me', person('u1'));
    await saveCode(db, 'u2', code('李*'), 1);
    expect((await readBootRows(db.name)).code).toBeNull();
    const out = freshDb();
    await saveCode(out, 'u1', code('张*明'), 1);
    expect(await readBootRows(out.name)).toEqual({ me: undefined, code: undefined });
  });

  it('leaves a device without the database without one, for Dexie to create with its schema', async () => {
    const name = `hg-none-${Math.random()}`;
    expect(await readBootRows(name)).toEqual({ me: undefined, code: undefined });
    expect(await exists(name)).toBe(false);
    const db = new HgDb(name);
    await setMeta(db, 'me', person('u1'));
    expect(db.verno).toBe(2);
    db.close();
  });

  it('closes its connection: a newer schema opens right after', async () => {
    const db = freshDb();
    await setMeta(db, 'me', person('u1'));
    db.close();
    await readBootRows(db.name);
    const next = new HgDb(db.name);
    next.version(3).stores({ extra: 'id' });
    await next.open();
    expect(next.verno).toBe(3);
    next.close();
  });
});

describe('the boot copy of the code', () => {
  it('is handed to the code page once, for the account that was read, and not after the codes change', async () => {
    vi.resetModules();
    const { bootRows, takeBootCode } = await import('./boot.js');
    const { appDb } = await import('./db.js');
    const codes = await import('./codes.js');
    const db = appDb();
    expect(db.name).toBe(DB_NAME);
    await setMeta(db, 'me', person('u1'));
    await codes.saveCode(db, 'u1', code('张*明'), 3);
    expect(takeBootCode('u1')).toBeUndefined(); // not read yet
    await bootRows();
    expect(takeBootCode('u2')).toBeUndefined();
    expect(takeBootCode('u1')?.fetchedAt).toBe(3);
    expect(takeBootCode('u1')).toBeUndefined(); // taken: later visits read through Dexie

    vi.resetModules();
    const again = await import('./boot.js');
    const codesAgain = await import('./codes.js');
    await again.bootRows();
    await codesAgain.saveCode(db, 'u1', code('张*明'), 9);
    expect(again.takeBootCode('u1')).toBeUndefined(); // a newer code was saved since the read
    db.close();
  });
});
