// Signing in: ask for an SMS code, then trade it for a session. The person is kept on the device
// by app/session; inspectors also ask the browser to keep storage, for the records they will hold.

import { authApi, type Me, type OtpRequestResponse } from '../../../shared/api/auth.js';
import { requestPersist } from '../../app/persist.js';
import { rememberUser } from '../../app/session.js';
import { call } from '../../http.js';

export function requestOtp(phone: string): Promise<OtpRequestResponse> {
  return call(authApi.otpRequest, { body: { phone } });
}

export async function verifyOtp(phone: string, code: string, rememberDevice: boolean): Promise<Me> {
  const { user } = await call(authApi.otpVerify, { body: { phone, code, remember: rememberDevice } });
  await rememberUser(user);
  // Inspectors keep unsynced records on the device: ask the browser not to evict them.
  if (user.role === 'inspector') void requestPersist();
  return user;
}
