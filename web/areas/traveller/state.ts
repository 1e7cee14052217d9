// The traveller's calls: sign up, open the texted link, and sign in by phone + SMS code (the same
// sign-in every holder uses), keeping the person on the device afterwards.

import { authApi, type Me, type OtpRequestResponse } from '../../../shared/api/auth.js';
import { travellersApi, type TravellerSignUp } from '../../../shared/api/travellers.js';
import { rememberUser } from '../../app/session.js';
import { call } from '../../http.js';

export function signUp(body: TravellerSignUp): Promise<{ sent: true }> {
  return call(travellersApi.signUp, { body });
}

export function openLink(token: string): Promise<{ maskedPhone: string }> {
  return call(travellersApi.openLink, { body: { token } });
}

export function requestOtp(phone: string): Promise<OtpRequestResponse> {
  return call(authApi.otpRequest, { body: { phone } });
}

export async function verifyOtp(phone: string, code: string): Promise<Me> {
  const { user } = await call(authApi.otpVerify, { body: { phone, code, remember: false } });
  await rememberUser(user);
  return user;
}
