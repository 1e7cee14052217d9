// The first-use calls: a traveller's sign-up, the texted link, and sign-in by phone + SMS code (the
// same sign-in every holder uses); a resident's sign-up, whose SMS code makes the account. The
// device keeps the person afterwards.

import { authApi, type Me, type OtpRequestResponse } from '../../../shared/api/auth.js';
import { residentsApi, type ResidentSignUp } from '../../../shared/api/residents.js';
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

/** A resident's identity check, which texts the code. */
export function signUpResident(body: ResidentSignUp): Promise<OtpRequestResponse> {
  return call(residentsApi.signUp, { body });
}

/** The code: the account is made, bound to the person, and signed in. */
export async function verifyResident(body: ResidentSignUp, code: string): Promise<Me> {
  const { user } = await call(residentsApi.verify, { body: { ...body, code, remember: false } });
  await rememberUser(user);
  return user;
}
