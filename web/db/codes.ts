// The holder's own code, cached so the code page works offline and after a reload with the server down.

import type { MyCode } from '../../shared/api/people.js';
import { writingBootRows } from './boot-copy.js';
import { forgetBootCode } from './boot.js';
import type { CodeRow, HgDb } from './db.js';

export function cachedCode(db: HgDb, userId: string): Promise<CodeRow | undefined> {
  return db.codes.get(userId);
}

/** `deviceKey`: the id of the device key the code is bound to, if it is; `qr`: the code's QR path. */
export async function saveCode(db: HgDb, userId: string, code: MyCode, fetchedAt = Date.now(), deviceKey?: string, qr?: CodeRow['qr']): Promise<CodeRow> {
  const row: CodeRow = { userId, code, fetchedAt, ...(deviceKey === undefined ? {} : { deviceKey }), ...(qr === undefined ? {} : { qr }) };
  await writingBootRows(db, () => db.codes.put(row), (was) => (was?.me.id === userId ? { me: was.me, code: row } : was));
  forgetBootCode();
  return row;
}

/** On sign-out the device forgets the person's code: it is personal data. */
export async function forgetCodes(db: HgDb): Promise<void> {
  await writingBootRows(db, () => db.codes.clear(), (was) => was && { me: was.me });
  forgetBootCode();
}
