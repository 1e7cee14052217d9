import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../shared/api/auth.js';
import type { MyCode } from '../../shared/api/people.js';
import { readBootCopy, writingBootRows } from './boot-copy.js';
import { DB_NAME } from './name.js';
import { freshDb } from './testing.js';

/** localStorage as a browser has it (vitest runs in node, which has none). */
class MemoryStorage {
  private items = new Map<string, string>();
  failWrites = false;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(k, v);
  };
  removeItem = (k: string) => void this.items.delete(k);
}
let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.resetModules();
  await new Promise((done) => Object.assign(indexedDB.deleteDatabase(DB_NAME), { onsuccess: done, onerror: done, onblocked: done }));
});

const code = (maskedName: string): MyCode => ({ text: 'HG1:X', status: 'green', reason: 'none', kind: 'resident', maskedName, issuedAt: 0, expiresAt: 1000 });
const person = (id: string): Me => ({ id, role: 'holder', maskedName: '张*明' }) as Me;

/** The app's modules afresh, as on a new start of the page (the database itself stays). */
async function app() {
  vi.resetModules();
  const [boot, codes, account, db] = await Promise.all([import('./boot.js'), import('./codes.js'), import('./account.js'), import('./db.js')]);
  return { ...boot, ...codes, ...account, db: db.appDb() };
}

describe('the start-up copy in localStorage', () => {
  it('holds who is signed in and their own code, and the next start reads it without opening IndexedDB', async () => {
    const first = await app();
    await first.keepAccount(person('u1'));
    await first.saveCode(first.db, 'u1:child', code('张*宝'), 5);
    await first.saveCode(first.db, 'u1', code('张*明'), 7, 'key-1', { size: 21, d: 'M0 0h7' });
    expect(readBootCopy()).toMatchObject({ me: { id: 'u1' }, code: { userId: 'u1', fetchedAt: 7, deviceKey: 'key-1', code: { maskedName: '张*明' } } });
    first.db.close();

    const next = await app();
    const open = vi.spyOn(indexedDB, 'open');
    expect(await next.bootRows()).toMatchObject({ me: { id: 'u1' }, code: { fetchedAt: 7, qr: { size: 21 } } });
    expect(open).not.toHaveBeenCalled();
    expect(next.takeBootCode('u1')?.fetchedAt).toBe(7);
  });

  it('keeps the code when the same person is kept again, and drops it with another person or the codes', async () => {
    const { db, keepAccount, saveCode, forgetCodes } = await app();
    await keepAccount(person('u1'));
    await saveCode(db, 'u1', code('张*明'), 7);
    await keepAccount({ ...person('u1'), maskedName: '张*明' });
    expect(readBootCopy()?.code?.fetchedAt).toBe(7);
    await keepAccount(person('u2'));
    expect(readBootCopy()).toEqual({ me: person('u2') });
    await saveCode(db, 'u2', code('李*'), 8);
    await forgetCodes(db);
    expect(readBootCopy()).toEqual({ me: person('u2') });
    db.close();
  });

  it('goes before anything else when the person signs out', async () => {
    const { db, keepAccount, saveCode, forgetAccount } = await app();
    await keepAccount(person('u1'));
    await saveCode(db, 'u1', code('张*明'), 7);
    await forgetAccount('u1');
    expect(readBootCopy()).toBeUndefined();
    db.close();
  });

  it('is left out, never out of date, when a write fails or the storage is full', async () => {
    const { db, keepAccount, saveCode } = await app();
    await keepAccount(person('u1'));
    await saveCode(db, 'u1', code('张*明'), 7);
    await expect(writingBootRows(db, () => Promise.reject(new Error('disk')), (was) => was)).rejects.toThrow('disk');
    expect(readBootCopy()).toBeUndefined();
    await keepAccount(person('u1'));
    storage.failWrites = true;
    await saveCode(db, 'u1', code('张*明'), 9);
    expect(readBootCopy()).toBeUndefined();
    db.close();
  });

  it('is made from IndexedDB on a start without one, and a copy of another version is not read', async () => {
    const first = await app();
    await first.keepAccount(person('u1'));
    await first.saveCode(first.db, 'u1', code('张*明'), 7);
    first.db.close();
    storage.setItem('hg.boot', JSON.stringify({ v: 0, me: person('u9') }));

    const next = await app();
    expect(await next.bootRows()).toMatchObject({ me: { id: 'u1' }, code: { fetchedAt: 7 } });
    expect(readBootCopy()).toMatchObject({ me: { id: 'u1' }, code: { fetchedAt: 7 } });
  });

  it('belongs to the app’s database only', async () => {
    const { saveCode } = await app();
    storage.setItem('hg.boot', JSON.stringify({ v: 1, me: person('u1') }));
    await saveCode(freshDb(), 'u1', code('张*明'), 7);
    expect(readBootCopy()).toEqual({ me: person('u1') });
  });
});
