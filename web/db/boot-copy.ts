// A copy of what the first paint needs — who is signed in and their own saved code — in
// localStorage, read synchronously as the app starts. IndexedDB stays the record; opening it is the
// slowest step of a reload (tens of milliseconds on a quiet phone, a few hundred on a busy one), and
// localStorage is loaded at start anyway (the language). Kept by db/ only, beside each write of those
// rows to the app's database: dropped before the write and put back after it, so a write cut short
// leaves no copy (the start-up then reads IndexedDB, db/boot.ts), never an out-of-date one.

import type { CodeRow, MetaValues } from './db.js';
import { DB_NAME } from './name.js';

type Me = MetaValues['me'];

export interface BootCopy {
  me: Me;
  /** The account's own saved code; absent when not copied (then it is read from IndexedDB). */
  code?: CodeRow;
}

const KEY = 'hg.boot';
/** Bumped when CodeRow or Me change shape: an older copy is then ignored. */
const VERSION = 1;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // blocked (a private mode): the start-up reads IndexedDB
  }
}

export function readBootCopy(): BootCopy | undefined {
  try {
    const held = JSON.parse(storage()?.getItem(KEY) ?? 'null') as (BootCopy & { v: number }) | null;
    if (held?.v !== VERSION || typeof held.me?.id !== 'string') return undefined;
    const { me, code } = held;
    return code?.userId === me.id ? { me, code } : { me };
  } catch {
    return undefined;
  }
}

/** Whether this page has written the copy: the start-up's read is then older than it. */
let written = false;

/** The copy as it will be after a write to `db`: undefined leaves none. Only the app's database has one. */
function put(db: { name: string }, copy: BootCopy | undefined): void {
  if (db.name !== DB_NAME) return;
  written = true;
  try {
    if (copy) storage()?.setItem(KEY, JSON.stringify({ v: VERSION, ...copy }));
    else storage()?.removeItem(KEY);
  } catch {
    // Full or blocked: no copy at all rather than an old one.
    try {
      storage()?.removeItem(KEY);
    } catch {
      // Nothing can be written: nothing was either.
    }
  }
}

/**
 * Runs `write` (a write of who is signed in or of codes to `db`) with the copy dropped meanwhile,
 * then keeps what `next` makes of the copy as it was (undefined: none).
 */
export async function writingBootRows<T>(db: { name: string }, write: () => Promise<T>, next: (was: BootCopy | undefined, written: T) => BootCopy | undefined): Promise<T> {
  const was = db.name === DB_NAME ? readBootCopy() : undefined;
  put(db, undefined);
  const result = await write();
  put(db, next(was, result));
  return result;
}

/**
 * A copy made from the start-up's IndexedDB read (a device from before the copy, or one whose copy
 * went with a write cut short), unless this page has written rows since or the copy already has more.
 */
export function seedBootCopy(copy: BootCopy): void {
  if (written) return;
  const held = readBootCopy();
  if (!held || (held.me.id === copy.me.id && !held.code && copy.code)) put({ name: DB_NAME }, copy);
}
