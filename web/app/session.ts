// Who is signed in. The last answer of /api/me is kept on the device, so the app opens at once and
// offline; the server is asked again in the background. A 401 does not wipe anything: the holder
// still sees their saved code and the inspector keeps every record, with a "sign in again" prompt.

import { signal } from '@preact/signals';
import { authApi, type Me } from '../../shared/api/auth.js';
import { appDb, deleteMeta, getMeta, setMeta } from '../db/db.js';
import { forgetCodes } from '../db/codes.js';
import { forgetRecords } from '../db/records.js';
import { forgetDeclarations } from '../db/declarations.js';
import { ApiError, call } from '../http.js';
import { navigate } from './navigation.js';

/** undefined while the device is still reading what it holds; null when nobody is signed in. */
export const me = signal<Me | null | undefined>(undefined);
export const sessionExpired = signal(false);

export async function loadSession(): Promise<void> {
  try {
    me.value = (await getMeta(appDb(), 'me')) ?? null;
  } catch {
    me.value = null;
  }
  void refreshMe();
}

export async function refreshMe(): Promise<void> {
  try {
    const { user } = await call(authApi.me, { timeoutMs: 8000 });
    await rememberUser(user);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      if (me.value) sessionExpired.value = true;
      else me.value = null;
    }
    // Offline or the server is down: keep what the device holds.
  }
}

/** A person has signed in (or /api/me answered): keep them on the device. */
export async function rememberUser(user: Me): Promise<void> {
  const db = appDb();
  const previous = await getMeta(db, 'me');
  if (previous && previous.id !== user.id) {
    // Another person on this phone: drop the last one's code and venues (the outbox stays: it is
    // the records' only copy, and each record names its own inspector).
    await forgetCodes(db);
    await deleteMeta(db, 'venues');
    await deleteMeta(db, 'venueId');
  }
  await setMeta(db, 'me', user);
  me.value = user;
  sessionExpired.value = false;
}

export function homeFor(user: Me | null | undefined): string {
  if (!user) return '/signin';
  // A holder without a person yet (signed in by phone) binds their identity first.
  if (user.role === 'holder') return user.maskedName === null ? '/identity' : '/code';
  if (user.role === 'inspector') return '/gate';
  if (user.role === 'manager') return '/venue';
  if (user.role === 'admin') return '/admin';
  if (user.role === 'org-admin') return '/org';
  return '/home';
}

export async function signOut(): Promise<void> {
  // Best effort: the device forgets the session even if the server cannot be reached.
  await call(authApi.signOut, { timeoutMs: 5000 }).catch(() => undefined);
  const db = appDb();
  await forgetCodes(db);
  if (me.value) await forgetRecords(db, me.value.id);
  if (me.value) await forgetDeclarations(db, me.value.id);
  await deleteMeta(db, 'me');
  me.value = null;
  sessionExpired.value = false;
  navigate('/signin', { replace: true });
}
