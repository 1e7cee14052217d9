// Who is signed in on this device (the last answer of /api/me) and what the device forgets when the
// person changes or signs out. Loaded when needed: the app starts from db/boot.ts's read.

import type { Me } from '../../shared/api/auth.js';
import { forgetCodes } from './codes.js';
import { appDb, deleteMeta, getMeta, setMeta } from './db.js';
import { forgetDeclarations } from './declarations.js';
import { forgetRecords } from './records.js';

/**
 * Keeps the person on the device. Another person on this phone: the last one's code and venues go
 * (the outbox stays: it is the records' only copy, and each record names its own inspector).
 */
export async function keepAccount(user: Me): Promise<void> {
  const db = appDb();
  const previous = await getMeta(db, 'me');
  if (previous && previous.id !== user.id) {
    await forgetCodes(db);
    await deleteMeta(db, `members:${previous.id}`);
    await deleteMeta(db, 'venues');
    await deleteMeta(db, 'venueId');
  }
  await setMeta(db, 'me', user);
}

/** Signing out: the person's code, family list, records and declarations are personal data, and go with them. */
export async function forgetAccount(userId: string | undefined): Promise<void> {
  const db = appDb();
  await forgetCodes(db);
  if (userId) await deleteMeta(db, `members:${userId}`);
  if (userId) await forgetRecords(db, userId);
  if (userId) await forgetDeclarations(db, userId);
  await deleteMeta(db, 'me');
}
