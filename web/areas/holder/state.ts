// The code on the holder's page: the account's own, or a member's (a companion, a child) picked from
// the name at the top. Shown from the device's copy at once, refreshed from the server when there is
// none or the copy is past half its life, and again whenever the page comes back online or into view.
// The account's own copy comes from the app's start-up read (db/boot.ts), in the page's first frame;
// Dexie, for every other read and every write, loads after that frame.

import { signal } from '@preact/signals';
import type { Member } from '../../../shared/api/members.js';
import { afterPaint } from '../../app/after-paint.js';
import { onResume, reachable } from '../../app/network.js';
import { sessionExpired } from '../../app/session.js';
import { takeBootCode } from '../../db/boot.js';
import type { CodeRow } from '../../db/db.js';
import { failureCode } from '../../http.js';

/** undefined while reading the device's copy; null when it has none. */
export const myCode = signal<CodeRow | null | undefined>(undefined);
export const codeFetching = signal(false);
/** The last refresh failed for want of a network: the page says it shows the saved copy. */
export const codeOffline = signal(false);
export const codeError = signal<ReturnType<typeof failureCode> | null>(null);
/** The account's own person first, then the people it looks after; [] until known. */
export const members = signal<Member[]>([]);
/** The member whose code is shown: null for the account's own. */
export const shownMember = signal<string | null>(null);
/** False once this phone has shown it cannot keep a device key: its unbound code is then as good as it gets. */
let canBind = true;

/** Where a code is kept on the device: the account's own under its id, a member's under account:person. */
export const codeKey = (userId: string, memberId: string | null): string => (memberId ? `${userId}:${memberId}` : userId);

/** The device's tables through Dexie, loaded on first use. */
async function store() {
  const [db, codes] = await Promise.all([import('../../db/db.js'), import('../../db/codes.js')]);
  return { ...db, ...codes, db: db.appDb() };
}

/** Past half its life (issuedAt → expiresAt), a code is refreshed, so a fresh one is on the phone long before it expires. */
export function needsRefresh(row: CodeRow | null | undefined, now: number): boolean {
  if (!row) return true;
  // A code from before this phone had a device key: get one it can show live.
  if (row.deviceKey === undefined && canBind) return true;
  const { issuedAt, expiresAt } = row.code;
  return now >= issuedAt + (expiresAt - issuedAt) / 2;
}

export async function refreshCode(userId: string, force = false): Promise<void> {
  if (codeFetching.value) return;
  if (!force && !needsRefresh(myCode.value, Date.now())) return;
  const memberId = shownMember.value;
  codeFetching.value = true;
  try {
    const { fetchMyCode } = await import('./live-binding.js');
    const { code, deviceKey, canBind: bindable } = await fetchMyCode(userId, memberId ?? undefined);
    canBind = bindable;
    // The QR's path is kept with the code: the next visit draws it before the encoder has loaded.
    const [{ qrPath }, { db, saveCode }] = await Promise.all([import('../../ui/qr-path.js'), store()]);
    const row = await saveCode(db, codeKey(userId, memberId), code, Date.now(), deviceKey, qrPath(code.text));
    // The person may have switched to another member meanwhile: that one's code stays on screen.
    if (shownMember.value === memberId) myCode.value = row;
    codeOffline.value = false;
    codeError.value = null;
  } catch (e) {
    const failure = failureCode(e);
    codeOffline.value = failure.code === 'network' || failure.code === 'timeout';
    codeError.value = codeOffline.value ? null : failure;
    if (failure.code === 'unauthenticated') sessionExpired.value = true;
  } finally {
    codeFetching.value = false;
  }
}

/** Shows the chosen member's saved code at once, then asks for a fresh one if it needs it. */
export async function showMember(userId: string, memberId: string | null): Promise<void> {
  shownMember.value = memberId;
  myCode.value = undefined;
  codeError.value = null;
  const row = await readCode(userId, memberId);
  if (shownMember.value !== memberId) return;
  myCode.value = row;
  await refreshCode(userId);
}

/** The saved code of the account or one of its members; null when there is none (or it cannot be read). */
async function readCode(userId: string, memberId: string | null): Promise<CodeRow | null> {
  const { db, cachedCode } = await store();
  return (await cachedCode(db, codeKey(userId, memberId)).catch(() => undefined)) ?? null;
}

/** The members the device knows, then the server's list (kept for offline switching). */
async function loadMembers(userId: string): Promise<void> {
  const { db, getMeta, setMeta } = await store();
  const held = await getMeta(db, `members:${userId}`).catch(() => undefined);
  // Never another account's list, were one left from an earlier sign-in on this page.
  members.value = held ?? [];
  try {
    const { fetchMembers } = await import('./live-binding.js');
    const list = await fetchMembers();
    members.value = list;
    await setMeta(db, `members:${userId}`, list).catch(() => undefined);
    // A member this account no longer looks after: back to the account's own code.
    if (shownMember.value && !list.some((m) => m.id === shownMember.value)) await showMember(userId, null);
  } catch {
    // Offline: the held list (or none) stays; the switch works from it.
  }
}

/**
 * Shows the saved code, then keeps it fresh while the page is open. Returns the stop function. Called
 * before the page's first paint (a layout effect): the start-up read's copy is shown in that frame.
 */
export function watchMyCode(userId: string): () => void {
  let stopped = false;
  const memberId = shownMember.value;
  const boot = memberId === null ? takeBootCode(userId) : undefined;
  if (boot !== undefined) myCode.value = boot;
  void (async () => {
    if (boot === undefined) {
      const row = await readCode(userId, memberId);
      if (stopped) return;
      if (shownMember.value === memberId) myCode.value = row;
    } else {
      // The code is on screen from the start-up read: the network and Dexie wait for that frame.
      await afterPaint();
      if (stopped) return;
    }
    await refreshCode(userId);
    if (!stopped) await loadMembers(userId);
  })();
  // Back online or back in view: the status may have changed meanwhile, so ask even if the copy is young.
  const stopResume = onResume(() => void refreshCode(userId, true));
  // A code can pass half its life while the page stays open (a phone left on the code screen);
  // and while the server is unreachable, asking again is how the page learns it is back.
  const timer = setInterval(() => void refreshCode(userId, !reachable.value), 30_000);
  return () => {
    stopped = true;
    stopResume();
    clearInterval(timer);
  };
}
