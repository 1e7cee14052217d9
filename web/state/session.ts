// Who is signed in. The last answer of /api/me is kept on the device, so the app opens at once and
// offline; the server is asked again in the background. A 401 does not wipe anything: the holder
// still sees their saved code and the inspector keeps every record, with a "sign in again" prompt.

import { signal } from '@preact/signals';
import { API, type Me, type MeResponse, type OtpRequestResponse } from '../../shared/api.js';
import { appDb, deleteMeta, getMeta, setMeta } from '../db/db.js';
import { forgetCodes } from '../db/codes.js';
import { ApiError, requestJson } from '../http.js';
import { requestPersist } from './persist.js';
import { navigate } from './router.js';

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
    const { user } = await requestJson<MeResponse>(API.me, { timeoutMs: 8000 });
    await remember(user);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      if (me.value) sessionExpired.value = true;
      else me.value = null;
    }
    // Offline or the server is down: keep what the device holds.
  }
}

async function remember(user: Me): Promise<void> {
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

export function requestOtp(phone: string): Promise<OtpRequestResponse> {
  return requestJson<OtpRequestResponse>(API.otpRequest, { body: { phone } });
}

export async function verifyOtp(phone: string, code: string, rememberDevice: boolean): Promise<Me> {
  const { user } = await requestJson<MeResponse>(API.otpVerify, { body: { phone, code, remember: rememberDevice } });
  await remember(user);
  // Inspectors keep unsynced records on the device: ask the browser not to evict them.
  if (user.role === 'inspector') void requestPersist();
  return user;
}

export function homeFor(user: Me | null | undefined): string {
  if (!user) return '/signin';
  if (user.role === 'holder') return '/code';
  if (user.role === 'inspector') return '/gate';
  return '/home';
}

export async function signOut(): Promise<void> {
  // Best effort: the device forgets the session even if the server cannot be reached.
  await requestJson(API.signOut, { body: {}, timeoutMs: 5000 }).catch(() => undefined);
  const db = appDb();
  await forgetCodes(db);
  await deleteMeta(db, 'me');
  me.value = null;
  sessionExpired.value = false;
  navigate('/signin', { replace: true });
}
