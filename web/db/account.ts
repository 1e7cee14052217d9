// Who is signed in on this device (the last answer of /api/me) and what the device forgets when the
// person changes or signs out. Loaded when needed: the app starts from db/boot.ts's read (and its
// copy in localStorage, db/boot-copy.ts, kept here beside each write of who is signed in).

import type { Me } from '../../shared/api/auth.js';
import { writingBootRows } from './boot-copy.js';
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
  await writingBootRows(
    db,
    async () => {
      const previous = await getMeta(db, 'me');
      if (previous && previous.id !== user.id) {
        await forgetCodes(db);
        await deleteMeta(db, `members:${previous.id}`);
        await deleteMeta(db, 'venues');
        await deleteMeta(db, 'venueId');
      }
      await setMeta(db, 'me', user);
    },
    // The same person's copied code stays (a refresh of who is signed in changes no code).
    (was) => (was?.me.id === user.id && was.code ? { me: user, code: was.code } : { me: user }),
  );
}

/** Signing out: the person's code, family list, records and declarations are personal data, and go with them. */
export async function forgetAccount(userId: string | undefined): Promise<void> {
  const db = appDb();
  await writingBootRows(
    db,
    async () => {
      await forgetCodes(db);
      if (userId) await deleteMeta(db, `members:${userId}`);
      if (userId) await forgetRecords(db, userId);
      if (userId) await forgetDeclarations(db, userId);
      await deleteMeta(db, 'me');
    },
    () => undefined,
  );
}
