import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DeclarationBody, MyDeclarations } from '../../shared/api/declarations.js';
import { cachedDeclarations, forgetDeclarations, queueDeclaration, queuedDeclarations, saveDeclarations, unqueueDeclaration } from './declarations.js';
import { freshDb } from './testing.js';

const body = (id: string): DeclarationBody => ({ id, orgId: null, declaredAt: 1, symptoms: [], temperature: 36.5, travel: false, travelWhere: '', keyContact: false });
const mine: MyDeclarations = { canDeclare: true, memberships: [], declarations: [] };

describe('declarations on the phone', () => {
  it('queues per account once per id, and drops only the one answered for', async () => {
    const db = freshDb();
    await queueDeclaration(db, 'u1', body('a'));
    await queueDeclaration(db, 'u1', body('a'));
    await queueDeclaration(db, 'u1', body('b'));
    await queueDeclaration(db, 'u2', body('c'));
    expect((await queuedDeclarations(db, 'u1')).map((d) => d.id)).toEqual(['a', 'b']);
    await unqueueDeclaration(db, 'u1', 'a');
    expect((await queuedDeclarations(db, 'u1')).map((d) => d.id)).toEqual(['b']);
    expect((await queuedDeclarations(db, 'u2')).map((d) => d.id)).toEqual(['c']);
    await unqueueDeclaration(db, 'u1', 'b');
    expect(await queuedDeclarations(db, 'u1')).toEqual([]);
  });

  it('keeps the last answer per account until sign-out forgets it; queued ones stay', async () => {
    const db = freshDb();
    await saveDeclarations(db, 'u1', mine, 5);
    await queueDeclaration(db, 'u1', body('a'));
    expect(await cachedDeclarations(db, 'u1')).toEqual({ mine, fetchedAt: 5 });
    await forgetDeclarations(db, 'u1');
    expect(await cachedDeclarations(db, 'u1')).toBeUndefined();
    expect(await queuedDeclarations(db, 'u1')).toHaveLength(1);
  });

  it('keeps a family member’s answer apart from the account’s own, and forgets both at sign-out (not another account’s)', async () => {
    const db = freshDb();
    const child: MyDeclarations = { ...mine, canDeclare: false };
    await saveDeclarations(db, 'u1', mine, 5);
    await saveDeclarations(db, 'u1', child, 6, 'p-child');
    await saveDeclarations(db, 'u10', mine, 7, 'p-other');
    expect(await cachedDeclarations(db, 'u1')).toEqual({ mine, fetchedAt: 5 });
    expect(await cachedDeclarations(db, 'u1', 'p-child')).toEqual({ mine: child, fetchedAt: 6 });
    await forgetDeclarations(db, 'u1');
    expect(await cachedDeclarations(db, 'u1')).toBeUndefined();
    expect(await cachedDeclarations(db, 'u1', 'p-child')).toBeUndefined();
    expect(await cachedDeclarations(db, 'u10', 'p-other')).toEqual({ mine, fetchedAt: 7 });
  });
});
