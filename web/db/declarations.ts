// A holder's memberships and declarations, cached so the declaration page opens offline, and the
// declarations made on this phone while offline — kept per account until the server answers for
// each (stored, or refused for good), so a declaration the person made is never silently lost.
// A guardian's family members have their own cached answer (one queue: each body names its member).

import type { DeclarationBody, MyDeclarations } from '../../shared/api/declarations.js';
import { deleteMeta, getMeta, setMeta, type HgDb } from './db.js';

/** The key of an account's answer, or of the answer for a family member it looks after. */
const answerKey = (userId: string, memberId: string | null) => (memberId === null ? (`declarations:${userId}` as const) : (`declarations:${userId}:${memberId}` as const));

export async function cachedDeclarations(db: HgDb, userId: string, memberId: string | null = null): Promise<{ mine: MyDeclarations; fetchedAt: number } | undefined> {
  return getMeta(db, answerKey(userId, memberId));
}

export async function saveDeclarations(db: HgDb, userId: string, mine: MyDeclarations, fetchedAt = Date.now(), memberId: string | null = null): Promise<void> {
  await setMeta(db, answerKey(userId, memberId), { mine, fetchedAt });
}

export async function queuedDeclarations(db: HgDb, userId: string): Promise<DeclarationBody[]> {
  return (await getMeta(db, `declarationQueue:${userId}`)) ?? [];
}

export async function queueDeclaration(db: HgDb, userId: string, declaration: DeclarationBody): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const queue = (await getMeta(db, `declarationQueue:${userId}`)) ?? [];
    if (!queue.some((q) => q.id === declaration.id)) await setMeta(db, `declarationQueue:${userId}`, [...queue, declaration]);
  });
}

/** Drops a declaration once the server answered for it (stored, or refused for good). */
export async function unqueueDeclaration(db: HgDb, userId: string, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const left = ((await getMeta(db, `declarationQueue:${userId}`)) ?? []).filter((q) => q.id !== id);
    if (left.length === 0) await deleteMeta(db, `declarationQueue:${userId}`);
    else await setMeta(db, `declarationQueue:${userId}`, left);
  });
}

/** On sign-out the device forgets them: they are personal data (a queued one stays until sent). */
export async function forgetDeclarations(db: HgDb, userId: string): Promise<void> {
  await deleteMeta(db, answerKey(userId, null));
  await db.meta.where('key').startsWith(answerKey(userId, '')).delete();
}
