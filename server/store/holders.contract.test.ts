import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';
import type { Store } from './store.js';

async function people(s: Store) {
  const person = (id: string, documentNo: string | null, kind: 'resident' | 'traveller' = 'resident') =>
    s.people.createPerson({ id, sub: `sub-${id}`, name: id, document_type: documentNo ? 'passport' : null, document_no: documentNo, kind, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
  await person('p-parent', null);
  await person('p-other-parent', null);
  await person('p-child', 'E1234567');
  await person('p-grandpa', 'E7654321');
  await s.accounts.createUser({ id: 'u-parent', phone: '+8613800000011', role: 'holder', person_id: 'p-parent', created_at: 1 });
  await s.accounts.createUser({ id: 'u-other', phone: '+8613800000012', role: 'holder', person_id: 'p-other-parent', created_at: 1 });
}

describeStores('holders store', (store) => {
  it('keeps one person per document, and people without a document apart', async () => {
    const s = store();
    await people(s);
    expect((await s.people.personByDocument('passport', 'E1234567'))?.id).toBe('p-child');
    expect(await s.people.personByDocument('mainland-id', 'E1234567')).toBeUndefined();
    expect((await s.people.getPerson('p-parent'))?.kind).toBe('resident');
    await expect(
      s.people.createPerson({ id: 'p-dup', sub: 'sub-dup', name: 'x', document_type: 'passport', document_no: 'E1234567', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 }),
    ).rejects.toThrow();
  });

  it('binds an account without a person once, and a person to at most one holder account', async () => {
    const s = store();
    await people(s);
    await s.accounts.createUser({ id: 'u-new', phone: '+8613800000013', role: 'holder', person_id: null, created_at: 1 });
    await s.accounts.createUser({ id: 'u-new-2', phone: '+8613800000014', role: 'holder', person_id: null, created_at: 1 });
    await s.accounts.createUser({ id: 'u-insp', phone: '+8613800000013', role: 'inspector', person_id: null, created_at: 1 });
    expect(await s.accounts.holderOfPerson('p-child')).toBeUndefined();
    expect(await s.accounts.bindPerson('u-new', 'p-child')).toBe(true);
    expect((await s.accounts.holderOfPerson('p-child'))?.id).toBe('u-new');
    // Bound already: not rebound.
    expect(await s.accounts.bindPerson('u-new', 'p-grandpa')).toBe(false);
    expect((await s.accounts.getUser('u-new'))?.person_id).toBe('p-child');
    // A second holder account for the same person: the unique index refuses it, even unchecked.
    await expect(s.accounts.bindPerson('u-new-2', 'p-child')).rejects.toThrow();
    expect((await s.accounts.getUser('u-new-2'))?.person_id).toBeNull();
    // Staff accounts are not in the index (a holder who is also an inspector on one phone).
    expect(await s.accounts.bindPerson('u-insp', 'p-child')).toBe(true);
  });

  it('adds a guardianship once, lists wards oldest first, and a child of two guardians is one person', async () => {
    const s = store();
    await people(s);
    expect(await s.holders.addGuardianship({ user_id: 'u-parent', person_id: 'p-grandpa', relation: 'family', created_at: 20 })).toBe(true);
    expect(await s.holders.addGuardianship({ user_id: 'u-parent', person_id: 'p-child', relation: 'family', created_at: 10 })).toBe(true);
    expect(await s.holders.addGuardianship({ user_id: 'u-parent', person_id: 'p-child', relation: 'family', created_at: 30 })).toBe(false);
    expect(await s.holders.addGuardianship({ user_id: 'u-other', person_id: 'p-child', relation: 'family', created_at: 40 })).toBe(true);
    expect((await s.holders.wardsOf('u-parent')).map((w) => [w.id, w.relation, w.added_at])).toEqual([
      ['p-child', 'family', 10],
      ['p-grandpa', 'family', 20],
    ]);
    expect((await s.holders.guardiansOf('p-child')).map((g) => g.user_id)).toEqual(['u-parent', 'u-other']);
    expect(await s.holders.guardianship('u-other', 'p-grandpa')).toBeUndefined();
    expect(await s.holders.removeGuardianship('u-parent', 'p-child')).toBe(true);
    expect(await s.holders.removeGuardianship('u-parent', 'p-child')).toBe(false);
    expect((await s.holders.wardsOf('u-parent')).map((w) => w.id)).toEqual(['p-grandpa']);
  });

  it('spends a link once', async () => {
    const s = store();
    await people(s);
    await s.holders.createLink({ token_hash: 'h1', user_id: 'u-parent', created_at: 1, expires_at: 100, used_at: null });
    expect(await s.holders.link('h1')).toMatchObject({ user_id: 'u-parent', used_at: null });
    const [a, b] = await Promise.all([s.holders.useLink('h1', 5), s.holders.useLink('h1', 6)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await s.holders.link('h1'))?.used_at).not.toBeNull();
    expect(await s.holders.link('nope')).toBeUndefined();
  });

  it('numbers printed codes per person and revokes the live ones', async () => {
    const s = store();
    await people(s);
    await s.holders.createPrintedCode({ id: 'c1', person_id: 'p-child', seq: 1, issued_at: 1, expires_at: 10, revoked_at: null });
    await s.holders.createPrintedCode({ id: 'c2', person_id: 'p-child', seq: 2, issued_at: 2, expires_at: 10, revoked_at: null });
    await s.holders.createPrintedCode({ id: 'g1', person_id: 'p-grandpa', seq: 1, issued_at: 2, expires_at: 10, revoked_at: null });
    await expect(s.holders.createPrintedCode({ id: 'c3', person_id: 'p-child', seq: 2, issued_at: 3, expires_at: 10, revoked_at: null })).rejects.toThrow();
    expect((await s.holders.printedCodesOf('p-child')).map((c) => c.id)).toEqual(['c2', 'c1']);
    expect((await s.holders.revokePrintedCodes(['p-child'], 5)).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(await s.holders.revokePrintedCodes(['p-child'], 6)).toEqual([]);
    expect((await s.holders.printedCodesOf('p-grandpa'))[0]?.revoked_at).toBeNull();
  });

  it('revokes many people’s unexpired printed codes at once, leaving expired ones alone', async () => {
    const s = store();
    await people(s);
    await s.holders.createPrintedCode({ id: 'c1', person_id: 'p-child', seq: 1, issued_at: 1, expires_at: 4, revoked_at: null });
    await s.holders.createPrintedCode({ id: 'c2', person_id: 'p-child', seq: 2, issued_at: 2, expires_at: 10, revoked_at: null });
    await s.holders.createPrintedCode({ id: 'g1', person_id: 'p-grandpa', seq: 1, issued_at: 2, expires_at: 12, revoked_at: null });
    const revoked = await s.holders.revokePrintedCodes(['p-child', 'p-grandpa', 'p-nobody'], 5);
    expect(revoked.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'c2', person_id: 'p-child', expires_at: 10 },
      { id: 'g1', person_id: 'p-grandpa', expires_at: 12 },
    ]);
    expect((await s.holders.printedCodesOf('p-child')).map((c) => [c.id, c.revoked_at])).toEqual([
      ['c2', 5],
      ['c1', null],
    ]);
    expect(await s.holders.revokePrintedCodes([], 5)).toEqual([]);
  });
});
