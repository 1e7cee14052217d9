// Residents signing up (issue 7 §2): a person whose phone the server does not know registers with
// their mainland ID card or Home Return Permit (checked against the registry like a traveller's
// document), proves the phone with an SMS code, and only then has an account, bound to that person.

import * as v from 'valibot';
import { MeResponseSchema, OtpRequestResponseSchema, PhoneSchema } from './auth.js';
import { endpoint } from './contract.js';
import { matching } from './fields.js';
import { IdentityBodySchema } from './members.js';

export const ResidentSignUpSchema = v.strictObject({
  ...IdentityBodySchema.entries,
  phone: PhoneSchema,
});
export type ResidentSignUp = v.InferOutput<typeof ResidentSignUpSchema>;

export const ResidentVerifySchema = v.strictObject({
  ...ResidentSignUpSchema.entries,
  code: matching(/^\d{6}$/, 'the code is 6 digits', 6),
  remember: v.optional(v.boolean(), false),
});
export type ResidentVerify = v.InferOutput<typeof ResidentVerifySchema>;

export const residentsApi = {
  /**
   * The real-name check, then an SMS code to the phone. The same answer whether or not the number
   * has an account (nothing is made yet), so the page cannot be used to find out.
   */
  signUp: endpoint({
    method: 'POST',
    path: '/api/residents',
    access: { public: true },
    body: ResidentSignUpSchema,
    response: OtpRequestResponseSchema,
  }),
  /** The SMS code: the account is made (or found) for the phone, bound to the person, and signed in. */
  verify: endpoint({
    method: 'POST',
    path: '/api/residents/verify',
    access: { public: true, self: true },
    body: ResidentVerifySchema,
    response: MeResponseSchema,
  }),
};
