// Who is signed in. The last answer of /api/me is kept on the device, so the app opens at once and
// offline (read at start without Dexie, db/boot.ts; keeping and forgetting it load db/account.ts);
// the server is asked again in the background once the first frame is drawn. A 401 does not wipe
// anything: the holder still sees their saved code and the inspector keeps every record, with a
// "sign in again" prompt.

import { signal } from '@preact/signals';
import { authApi, type Me } from '../../shared/api/auth.js';
import { bootRows } from '../db/boot.js';
import { ApiError, call } from '../http.js';
import { navigate } from './navigation.js';

/** undefined while the device is still reading what it holds; null when nobody is signed in. */
export const me = signal<Me | null | undefined>(undefined);
export const sessionExpired = signal(false);

/** Who the device says is signed in; the app asks the server (refreshMe) once its first frame is drawn. */
export async function loadSession(): Promise<void> {
  me.value = (await bootRows()).me ?? null;
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

/** A person has signed in (or /api/me answered): keep them on the device (another person's code goes). */
export async function rememberUser(user: Me): Promise<void> {
  const { keepAccount } = await import('../db/account.js');
  await keepAccount(user);
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
  const { forgetAccount } = await import('../db/account.js');
  await forgetAccount(me.value?.id);
  me.value = null;
  sessionExpired.value = false;
  navigate('/signin', { replace: true });
}
