// What the first paint needs from the device, read without Dexie: who is signed in and their own
// saved code — from their copy in localStorage (boot-copy.ts) at once, else in one read-only IndexedDB
// transaction — as the app starts (web/boot.ts starts it before the rest of the app's modules load).
// Dexie is most of the app's entry script; with this read the holder's saved code is on screen before
// Dexie has loaded, and Dexie (db.ts, which owns the schema and every write) comes after.

import { readBootCopy, seedBootCopy } from './boot-copy.js';
import type { CodeRow, MetaRow, MetaValues } from './db.js';
import { DB_NAME } from './name.js';

export interface BootRows {
  me: MetaValues['me'] | undefined;
  /** The signed-in account's own code as saved (null: none saved); undefined when not read. */
  code: CodeRow | null | undefined;
}

const NOTHING: BootRows = { me: undefined, code: undefined };

/**
 * Reads the rows in one transaction and closes the connection at once (a Dexie upgrade waiting for
 * it is never held up). The codes table holds only the signed-in account's codes (its own and its
 * members'), so it is read whole beside the account: two requests at once, not one after the other.
 * A device without the database gets nothing and is left without one: creating it is Dexie's job.
 */
export function readBootRows(name = DB_NAME): Promise<BootRows> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    // Only a database that does not exist yet asks for an upgrade here (no version is given).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(NOTHING) : reject(open.error ?? new Error('indexedDB.open failed')));
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains('meta') || !db.objectStoreNames.contains('codes')) {
        db.close();
        resolve(NOTHING);
        return;
      }
      const tx = db.transaction(['meta', 'codes'], 'readonly');
      const me = tx.objectStore('meta').get('me');
      const codes = tx.objectStore('codes').getAll();
      tx.oncomplete = () => {
        db.close();
        const user = (me.result as MetaRow | undefined)?.value as MetaValues['me'] | undefined;
        if (!user) return resolve(NOTHING);
        resolve({ me: user, code: (codes.result as CodeRow[]).find((row) => row.userId === user.id) ?? null });
      };
      tx.onabort = () => {
        db.close();
        reject(tx.error ?? new Error('boot read aborted'));
      };
    };
  });
}

let started: Promise<BootRows> | undefined;
let held: BootRows | undefined;
let copiedMe: BootRows['me'];

/**
 * The app's one boot read, started by the first caller (web/boot.ts, at start): the copy when it holds
 * the account's code, else IndexedDB (which then seeds the copy for the next start). A failed read is
 * an empty device.
 */
export function bootRows(): Promise<BootRows> {
  if (!started) {
    const copy = readBootCopy();
    copiedMe = copy?.me;
    started = readCopyOrRows(copy)
      .catch(() => NOTHING)
      .then((rows) => (held = rows));
  }
  return started;
}

/** Who the device's copy named when the boot read started (known at once, without IndexedDB); undefined before it or without a copy. */
export const copiedAccount = (): BootRows['me'] => copiedMe;

async function readCopyOrRows(copy: ReturnType<typeof readBootCopy>): Promise<BootRows> {
  if (copy?.code) return { me: copy.me, code: copy.code };
  const rows = await readBootRows();
  if (rows.me) seedBootCopy(rows.code ? { me: rows.me, code: rows.code } : { me: rows.me });
  return rows;
}

/**
 * The account's saved code from the boot read, once, if the read has finished and the codes have not
 * been written since; undefined means "read it through Dexie". Synchronous, so the code page can
 * show the code in the same frame it first renders.
 */
export function takeBootCode(userId: string): CodeRow | null | undefined {
  if (!held || held.me?.id !== userId) return undefined;
  const { code } = held;
  held = { ...held, code: undefined };
  return code;
}

/** The codes table changed (a new code saved, the codes forgotten): the boot read's copy is out of date. */
export function forgetBootCode(): void {
  if (held) held = { ...held, code: undefined };
}
