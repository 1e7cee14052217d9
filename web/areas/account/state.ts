// The account page's state: the devices signed in to this account, and the actions on them. Ending
// this device (or every device, after unbinding) signs the person out here too.

import { signal } from '@preact/signals';
import { accountApi, accountControlApi, type BoundPhone, type DeletionReceipt, type DeviceSession } from '../../../shared/api/account.js';
import { signOut } from '../../app/session.js';
import { call, failureCode, type FailureCode } from '../../http.js';

export const devices = signal<DeviceSession[] | undefined>(undefined);
export const devicesError = signal<{ code: FailureCode; retryAfterSec?: number } | null>(null);
export const busy = signal(false);

export async function loadDevices(): Promise<void> {
  try {
    devices.value = (await call(accountApi.sessions)).sessions;
    devicesError.value = null;
  } catch (e) {
    devicesError.value = failureCode(e);
  }
}

async function act(fn: () => Promise<unknown>): Promise<boolean> {
  busy.value = true;
  try {
    await fn();
    devicesError.value = null;
    return true;
  } catch (e) {
    devicesError.value = failureCode(e);
    return false;
  } finally {
    busy.value = false;
  }
}

export async function endDevice(session: DeviceSession): Promise<void> {
  if (!(await act(() => call(accountApi.endSession, { params: { id: session.id } })))) return;
  if (session.current) await signOut();
  else await loadDevices();
}

export async function endOtherDevices(): Promise<number | undefined> {
  let ended: number | undefined;
  if (!(await act(async () => (ended = (await call(accountApi.endOtherSessions)).ended)))) return undefined;
  await loadDevices();
  return ended;
}

export async function forgetDevice(session: DeviceSession): Promise<void> {
  if (await act(() => call(accountApi.forgetSession, { params: { id: session.id }, body: { remember: false } }))) await loadDevices();
}

// --- the bound phone, re-verification, export and deletion ---

export const phone = signal<BoundPhone | undefined>(undefined);
export const receipt = signal<DeletionReceipt | null>(null);

export async function loadPhone(): Promise<void> {
  try {
    phone.value = await call(accountControlApi.phone);
  } catch (e) {
    devicesError.value = failureCode(e);
  }
}

export const requestReverifyCode = () => call(accountControlApi.reverifyRequest);

export async function reverify(code: string): Promise<void> {
  await call(accountControlApi.reverify, { body: { code } });
  await loadPhone();
}

export const requestNewPhoneCode = (newPhone: string) => call(accountControlApi.newPhoneRequest, { body: { phone: newPhone } });

/** Every session ends afterwards, this one too: the device forgets the person and shows sign-in. */
export async function changePhone(newPhone: string, code: string): Promise<void> {
  await call(accountControlApi.changePhone, { body: { phone: newPhone, code } });
  await signOut();
}

export async function unbindPhone(): Promise<void> {
  await call(accountControlApi.unbindPhone);
  await signOut();
}

/** The receipt stays on screen until the person leaves; the session is already gone. */
export async function deleteAccount(): Promise<void> {
  receipt.value = await call(accountControlApi.deleteAccount);
}
