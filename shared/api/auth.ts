// Sign-in by SMS code, sign-out, and "who am I".

import * as v from 'valibot';
import { ROLES } from '../roles.js';
import { endpoint, OkSchema } from './contract.js';
import { matching, wellFormed } from './fields.js';
import { personal } from './personal.js';

/** Mainland mobile numbers, with or without +86; international numbers in E.164. */
export const PhoneSchema = v.pipe(
  v.string(),
  v.maxLength(32),
  wellFormed(),
  v.trim(),
  v.transform((s) => s.replace(/[\s-]/g, '')),
  v.regex(/^(?:\+861[3-9]\d{9}|1[3-9]\d{9}|\+[1-9]\d{6,14})$/, 'not a valid phone number'),
  v.transform((s) => (s.startsWith('+') ? s : `+86${s}`)),
);

export const MeSchema = v.strictObject({
  id: v.string(),
  role: v.picklist(ROLES),
  /** Only the owner sees their own masked name; never sent to other roles. */
  maskedName: personal(v.nullable(v.string())),
});
export type Me = v.InferOutput<typeof MeSchema>;

export const MeResponseSchema = v.strictObject({ user: MeSchema });
export type MeResponse = v.InferOutput<typeof MeResponseSchema>;

export const OtpRequestResponseSchema = v.strictObject({
  /** Same answer whether or not the number is known. */
  sent: v.literal(true),
  resendAfterSec: v.number(),
  expiresInSec: v.number(),
});
export type OtpRequestResponse = v.InferOutput<typeof OtpRequestResponseSchema>;

export const authApi = {
  otpRequest: endpoint({
    method: 'POST',
    path: '/api/auth/otp/request',
    access: { public: true },
    body: v.strictObject({ phone: PhoneSchema }),
    response: OtpRequestResponseSchema,
  }),
  otpVerify: endpoint({
    method: 'POST',
    path: '/api/auth/otp/verify',
    // Public (nobody is signed in yet), and it answers with the account just signed in to.
    access: { public: true, self: true },
    body: v.strictObject({
      phone: PhoneSchema,
      code: matching(/^\d{6}$/, 'the code is 6 digits', 6),
      remember: v.optional(v.boolean(), false),
    }),
    response: MeResponseSchema,
  }),
  /** Works without a session too: it clears the cookie either way. Takes no body. */
  signOut: endpoint({ method: 'POST', path: '/api/auth/signout', access: { public: true }, response: OkSchema }),
  me: endpoint({ method: 'GET', path: '/api/me', access: { signedIn: true, self: true }, response: MeResponseSchema }),
};
